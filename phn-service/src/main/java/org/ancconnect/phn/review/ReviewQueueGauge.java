package org.ancconnect.phn.review;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code phn_review_queue_size}: open review items. Counted from the database (the partial index
 * {@code review_item_open}) rather than kept in memory, so every replica reports the one shared queue; a
 * gauge read at scrape time would put a query on every scrape, so the count is refreshed on a schedule.
 */
@ApplicationScoped
public class ReviewQueueGauge {

    private static final Logger LOG = Logger.getLogger(ReviewQueueGauge.class);

    private final Pool pool;
    private final AtomicLong open = new AtomicLong();

    public ReviewQueueGauge(Pool pool, MeterRegistry meters) {
        this.pool = pool;
        Gauge.builder("phn.review.queue.size", open, AtomicLong::get)
                .description("Open items in the duplicate-review queue").register(meters);
    }

    /** Every 10 s: finer than the usual 15–30 s scrape interval, one index-only count. */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return pool.query("SELECT count(*) FROM review_item WHERE status = 'OPEN'").execute()
                .invoke(rows -> open.set(rows.iterator().next().getLong(0)))
                .onFailure().invoke(e -> LOG.warnf("Review queue size not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
