package org.ancconnect.phn.events;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.phn.PhnConfig;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows published longer ago than {@code phn.events.outbox-retention}, so the table holds
 * what is pending plus a recent window for diagnosis and replay. Batches of 10 000 keep each transaction
 * short; every replica may run it (a row deleted twice is simply not there the second time).
 */
@ApplicationScoped
public class OutboxCleanup {

    private static final Logger LOG = Logger.getLogger(OutboxCleanup.class);
    private static final int BATCH = 10_000;

    private final Pool pool;
    private final long retentionSeconds;

    public OutboxCleanup(Pool pool, PhnConfig config) {
        this.pool = pool;
        this.retentionSeconds = config.events().outboxRetention().toSeconds();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(e -> LOG.warnf("Outbox clean-up failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes expired published rows; returns how many. */
    public Uni<Long> purge() {
        return batch().chain(n -> n < BATCH ? Uni.createFrom().item(n) : purge().map(rest -> n + rest));
    }

    private Uni<Long> batch() {
        return pool.preparedQuery("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE published_at"
                        + " < now() - make_interval(secs => $1) LIMIT $2)")
                .execute(Tuple.of((double) retentionSeconds, BATCH)).map(rows -> (long) rows.rowCount());
    }
}
