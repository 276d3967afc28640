package org.ancconnect.phn.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Outbox health: {@code phn_outbox_pending} (events not yet confirmed by the broker) and
 * {@code phn_outbox_oldest_pending_age_seconds} (how long the oldest has waited; 0 when none). A growing age
 * is the alert: the broker is down or the relay is stuck, and consumers are falling behind. Read from the
 * partial index {@code outbox_pending}, shared by every replica, on a schedule rather than per scrape.
 */
@ApplicationScoped
public class OutboxGauges {

    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Double> oldestAge = new AtomicReference<>(0.0);

    public OutboxGauges(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        Gauge.builder("phn.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet published").register(meters);
        Gauge.builder("phn.outbox.oldest.pending.age", oldestAge, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox event").register(meters);
    }

    /** Every 10 s, like the review queue gauge: finer than a scrape interval, one index range scan. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return pool.query("SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8"
                        + " FROM outbox WHERE published_at IS NULL").execute()
                .invoke(rows -> {
                    Row r = rows.iterator().next();
                    pending.set(r.getLong(0));
                    oldestAge.set(r.getDouble(1));
                })
                .onFailure().invoke(e -> LOG.warnf("Outbox gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
