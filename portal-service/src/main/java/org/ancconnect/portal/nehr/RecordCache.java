package org.ancconnect.portal.nehr;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Parsed records by PHN, read from the NEHR with the one {@link RecordQuery} search and kept for
 * {@code portal.record.cache-ttl}, bounded by {@code portal.record.cache-size}. Concurrent views of a record that is
 * not cached share one NEHR search (Caffeine's in-flight future), so fifty doctors opening a page cost one read.
 * A failed read and an unknown PHN are not kept. Who may see a record is decided elsewhere, on every request; the
 * cache only saves the read.
 */
@ApplicationScoped
public class RecordCache {

    private final NehrClient nehr;
    private final Clock clock = Clock.systemUTC();
    private final AsyncCache<String, MotherRecord> records;

    RecordCache(NehrClient nehr, RecordConfig config, MeterRegistry meters) {
        this.nehr = nehr;
        this.records = Caffeine.newBuilder().maximumSize(config.cacheSize()).expireAfterWrite(config.cacheTtl()).recordStats()
                .buildAsync();
        CaffeineCacheMetrics.monitor(meters, records.synchronous(), "portal.record");
    }

    /** Her record (null when the NEHR has no Patient with this PHN). */
    public Uni<MotherRecord> get(String phn) {
        return Uni.createFrom().completionStage(() -> records.get(Systems.phnValue(phn), (key, executor) -> read(key).subscribeAsCompletionStage()));
    }

    /** Forgets her record: the next view reads it again (after this portal wrote to it). */
    public void invalidate(String phn) {
        records.synchronous().invalidate(Systems.phnValue(phn));
    }

    private Uni<MotherRecord> read(String phn) {
        return nehr.search(RecordQuery.byPhn(phn)).map(bundle -> RecordMapper.map(bundle, OffsetDateTime.now(clock)));
    }
}
