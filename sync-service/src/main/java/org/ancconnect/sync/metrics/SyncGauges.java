package org.ancconnect.sync.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.detection.ChangeDetector;
import org.ancconnect.sync.detection.WatermarkRepository;
import org.ancconnect.sync.messaging.Broker;
import org.jboss.logging.Logger;

/**
 * The gauges operators alert on, refreshed every 5 s off the scrape path (a scrape never waits for the
 * database or the broker): {@code sync_lag_seconds{program}} and {@code sync_dlq_depth{queue}}.
 *
 * <p>Lag is now minus the moment up to which change detection has published and confirmed every DHIS2
 * change, i.e. the end of the program's last completed run (the watermark row's {@code changed_at}). The
 * DHIS2 updatedAt watermark itself is not used: it stops at the newest change, so an idle program would
 * look ever more behind. Healthy lag is about one poll interval; it grows while DHIS2, PostgreSQL or
 * RabbitMQ keep detection from completing. Read from the shared table, so every replica reports the same
 * value whichever replica holds the poll lock.
 */
@ApplicationScoped
public class SyncGauges {

    private static final Logger LOG = Logger.getLogger(SyncGauges.class);

    private final WatermarkRepository watermarks;
    private final Broker broker;
    private final List<String> programs;
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final Map<String, Long> depths = new ConcurrentHashMap<>();

    public SyncGauges(WatermarkRepository watermarks, Broker broker, SyncConfig config, MeterRegistry registry) {
        this.watermarks = watermarks;
        this.broker = broker;
        this.programs = config.detection().programs();
        for (String program : programs) {
            Gauge.builder("sync.lag.seconds", this, g -> g.lagSeconds(program)).tag("program", program)
                    .description("Seconds since change detection last had every DHIS2 change published").register(registry);
        }
        for (String queue : List.of(broker.deadLetterQueue(), broker.patientEvents().deadQueue())) {
            Gauge.builder("sync.dlq.depth", this, g -> g.depths.getOrDefault(queue, -1L)).tag("queue", queue)
                    .description("Messages waiting in a dead-letter queue (-1 until the broker answered)").register(registry);
        }
    }

    /** NaN until the program's first completed run (an alert on absent data, not on a made-up number). */
    double lagSeconds(String program) {
        Instant at = lastRun.get(program);
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }

    /** The lag of every program, from the shared watermark table (what the other replicas' runs completed too). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshLag() {
        for (String program : programs) {
            try {
                watermarks.lastCompletedRun(program).ifPresent(at -> completed(program, at));
            } catch (SQLException e) {
                LOG.debugf("Lag of %s not refreshed: %s", program, e.getMessage());
            }
        }
    }

    /**
     * The dead-letter depths, on their own schedule: a broker call that hangs (a blocked connection, an RPC waiting
     * for its time-out) must not hold the lag refresh, which SKIP would otherwise skip for as long as it hangs.
     */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshDepths() {
        for (String queue : List.of(broker.deadLetterQueue(), broker.patientEvents().deadQueue())) {
            try {
                depths.put(queue, broker.depth(queue));
            } catch (RuntimeException e) {
                LOG.debugf("Depth of %s not refreshed: %s", queue, e.getMessage());
            }
        }
    }

    /** A run of this replica completed: the gauge follows at once, not at the next refresh. */
    void onRun(@Observes ChangeDetector.Completed run) {
        completed(run.program(), run.at());
    }

    private void completed(String program, Instant at) {
        lastRun.merge(program, at, (a, b) -> a.isAfter(b) ? a : b);
    }
}
