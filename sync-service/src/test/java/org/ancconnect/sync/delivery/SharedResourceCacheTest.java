package org.ancconnect.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.ancconnect.sync.mapping.SharedResources;
import org.junit.jupiter.api.Test;

/** The cache trusts only what a NEHR committed, per NEHR, for at most its TTL, and nothing after a failure. */
class SharedResourceCacheTest {

    private static final String A = "http://nehr-a/fhir";
    private static final String B = "http://nehr-b/fhir";
    private static final String ORG = "Organization?identifier=hin|1";

    private final AtomicLong now = new AtomicLong();
    private final SharedResourceCache cache = new SharedResourceCache(Duration.ofMinutes(10), now::get);

    @Test
    void onlyCommittedContentOfThatNehrIsTrusted() {
        assertThat(cache.of(A).written(ORG, "{v1}")).isFalse();
        cache.committed(A, Map.of(ORG, "{v1}"), Set.of());
        assertThat(cache.of(A).written(ORG, "{v1}")).isTrue();
        assertThat(cache.of(A).written(ORG, "{v2}")).as("changed content").isFalse();
        assertThat(cache.of(B).written(ORG, "{v1}")).as("another NEHR").isFalse();
        cache.committed(A, Map.of(ORG, "{v2}"), Set.of());
        assertThat(cache.of(A).written(ORG, "{v1}")).isFalse();
        assertThat(cache.of(A).written(ORG, "{v2}")).isTrue();
    }

    @Test
    void forgettingAfterAFailureTrustsNothingOfThatNehr() {
        cache.committed(A, Map.of(ORG, "{v1}"), Set.of());
        cache.committed(B, Map.of(ORG, "{v1}"), Set.of());
        cache.forget(A);
        assertThat(cache.of(A).written(ORG, "{v1}")).isFalse();
        assertThat(cache.size(A)).isZero();
        assertThat(cache.of(B).written(ORG, "{v1}")).isTrue();
    }

    @Test
    void anEntryExpiresTtlAfterItWasLastActuallyWritten() {
        cache.committed(A, Map.of(ORG, "{v1}"), Set.of());
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        // A bundle that left it out does not renew it: the TTL bounds how long it goes without being re-sent.
        cache.committed(A, Map.of(ORG, "{v1}"), Set.of(ORG));
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(cache.of(A).written(ORG, "{v1}")).isFalse();
        cache.committed(A, Map.of(ORG, "{v1}"), Set.of());
        assertThat(cache.of(A).written(ORG, "{v1}")).isTrue();
    }

    @Test
    void aZeroTtlSendsEverything() {
        SharedResourceCache off = new SharedResourceCache(Duration.ZERO, now::get);
        off.committed(A, Map.of(ORG, "{v1}"), Set.of());
        assertThat(off.of(A)).isSameAs(SharedResources.NONE);
    }
}
