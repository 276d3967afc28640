package org.ancconnect.sync.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.mapping.SharedResources;

/**
 * What this replica last saw the NEHR commit of each shared resource (Organization, Location, Device,
 * Practitioner: PUT to a deterministic id, never retracted), so a bundle can leave out the ones the NEHR
 * already holds unchanged instead of PUTting the same four-plus resources in every transaction.
 * <p>
 * Correctness rests on three rules: an entry is recorded only after a 200 transaction that carried that exact
 * content ({@link #committed}); an entry is trusted for at most the TTL, so a resource changed or deleted behind
 * the service's back is rewritten within it; and a bundle that left something out and is refused clears the whole
 * cache for that NEHR ({@link #forget}) before the same entity is sent again in full, which is how a wiped or
 * restored NEHR (a reference to a resource it no longer has) is recovered without a retry tier or a dead letter. A 409
 * (a create race, or an identifier on another Patient) and an unreachable NEHR are not such refusals and clear
 * nothing ({@code SyncWorker.post}).
 */
@ApplicationScoped
public class SharedResourceCache {

    private record Written(String content, long at) {
    }

    private final Map<String, Map<String, Written>> byNehr = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier clock;

    @Inject
    public SharedResourceCache(SyncConfig config) {
        this(config.delivery().sharedResourceTtl(), System::nanoTime);
    }

    /** A cache with its own TTL and clock (tests; the same-bundle ceiling of the benchmark). */
    public SharedResourceCache(Duration ttl, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    /** The view a mapping run uses against one NEHR (by base URL). */
    public SharedResources of(String nehr) {
        if (ttlNanos <= 0) {
            return SharedResources.NONE;
        }
        Map<String, Written> written = byNehr.computeIfAbsent(nehr, k -> new ConcurrentHashMap<>());
        return (key, content) -> {
            Written w = written.get(key);
            return w != null && clock.getAsLong() - w.at() < ttlNanos && w.content().equals(content);
        };
    }

    /**
     * The NEHR committed a transaction carrying these shared resources (key -> content as stored): remember them,
     * except those the bundle left out (their entry keeps the time they were last actually written, so the TTL
     * bounds how long a resource goes without being re-sent).
     */
    public void committed(String nehr, Map<String, String> shared, Collection<String> omitted) {
        if (ttlNanos <= 0 || shared.isEmpty()) {
            return;
        }
        Map<String, Written> written = byNehr.computeIfAbsent(nehr, k -> new ConcurrentHashMap<>());
        long now = clock.getAsLong();
        shared.forEach((key, content) -> {
            if (!omitted.contains(key)) {
                written.put(key, new Written(content, now));
            }
        });
    }

    /** A bundle that relied on the cache failed: trust nothing of that NEHR until it commits again. */
    public void forget(String nehr) {
        Map<String, Written> written = byNehr.get(nehr);
        if (written != null) {
            written.clear();
        }
    }

    /** How many shared resources are remembered for that NEHR (for tests and the benchmark's log). */
    public int size(String nehr) {
        Map<String, Written> written = byNehr.get(nehr);
        return written == null ? 0 : written.size();
    }
}
