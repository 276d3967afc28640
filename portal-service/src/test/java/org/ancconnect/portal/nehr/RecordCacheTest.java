package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.junit.jupiter.api.Test;

/**
 * The record cache saves NEHR reads and nothing else: this portal's writes invalidate it, and the access decision is
 * exact on every request however warm the caches are. (The test profile's TTL is 10 minutes, so nothing here
 * expires by itself.)
 */
@QuarkusTest
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class RecordCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ZoneId COLOMBO = ZoneId.of("Asia/Colombo");

    @Inject
    RecordService records;
    @Inject
    ConsultationWriter writer;
    @Inject
    NehrClient nehr;
    @Inject
    AccessGrants grants;

    private final Accessor doctor = Accessor.staff("doc-" + System.nanoTime(), "Ruwan Jayasinghe", "DOCTOR");

    @Test
    void aConsultationRecordedHereInvalidatesHerCachedRecord() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 1);
        grants.grant(doctor, phn, "verif-" + System.nanoTime(), Instant.now(), Duration.ofHours(1), Instant.now()).await().atMost(WAIT);
        assertThat(records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT).visits()).hasSize(1);
        Consultation c = new Consultation(UUID.randomUUID().toString(), 150, 95, null, null, "Headache");

        // Written behind the portal's back (as another replica or sync-service would): the cached record stays.
        nehr.post(writer.bundle(doctor, phn, c, Instant.now(), COLOMBO)).await().atMost(WAIT);
        assertThat(records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT).visits()).as("cached").hasSize(1);

        // The same consultation through the portal (PUTs to the same ids): the cache is invalidated, the next view reads it.
        writer.record(doctor, phn, c, Instant.now(), COLOMBO).await().atMost(WAIT);
        MotherRecord after = records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT);
        assertThat(after.visits()).hasSize(2);
        assertThat(after.visits().getFirst().type()).isEqualTo("Consultation");
    }

    @Test
    void anExpiredGrantIsRefusedEvenWithHerRecordAndTheGrantCached() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration window = Duration.ofHours(4);
        Instant until = grants.grant(doctor, phn, "verif-" + System.nanoTime(), now, Duration.ofSeconds(30), now).await().atMost(WAIT);
        Access live = grants.check(doctor, phn, window, now.plusSeconds(1)).await().atMost(WAIT);
        assertThat(live.allowed(now.plusSeconds(1))).isTrue();
        assertThat(records.view(doctor, phn, Purpose.TREAT, null).await().atMost(WAIT)).isNotNull();
        assertThat(grants.check(doctor, phn, window, now.plusSeconds(2)).await().atMost(WAIT)).as("served from the cache")
                .isSameAs(live);

        Instant later = until.plusMillis(1);
        Access expired = grants.check(doctor, phn, window, later).await().atMost(WAIT);

        assertThat(expired.allowed(later)).isFalse();
        assertThat(expired).as("read again from the NEHR, not the cached decision").isNotSameAs(live);
        assertThat(expired.known()).isTrue();
    }

    @Test
    void breakGlassHereReplacesTheCachedDecision() {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration window = Duration.ofHours(4);
        grants.grant(doctor, phn, "verif-" + System.nanoTime(), now, Duration.ofHours(1), now).await().atMost(WAIT);
        Access granted = grants.check(doctor, phn, window, now).await().atMost(WAIT);
        assertThat(granted.breakGlassReason()).isNull();

        grants.breakGlass(doctor, phn, "Severe bleeding, patient unconscious", now).await().atMost(WAIT);

        Access after = grants.check(doctor, phn, window, now.plusSeconds(1)).await().atMost(WAIT);
        assertThat(after.breakGlassReason()).isEqualTo("Severe bleeding, patient unconscious");
    }
}
