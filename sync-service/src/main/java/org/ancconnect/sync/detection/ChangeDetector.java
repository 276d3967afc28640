package org.ancconnect.sync.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.log.SyncLogRepository;
import org.ancconnect.sync.messaging.Broker;
import org.jboss.logging.Logger;

/**
 * Finds changed tracked entities by polling DHIS2 ({@code updatedAfter} = watermark - overlap, oldest
 * first, inclusive) and publishes one message per change not already published (de-duplicated by uid
 * and updatedAt). The watermark moves only after the broker confirmed every publish of the run. Only
 * one replica polls a program at a time (PostgreSQL advisory lock).
 */
@ApplicationScoped
public class ChangeDetector {

    private static final Logger LOG = Logger.getLogger(ChangeDetector.class);
    private static final DateTimeFormatter DHIS2 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    /** A completed run (CDI event): every DHIS2 change of the program up to {@code at} is published and confirmed. */
    public record Completed(String program, Instant at) {
    }

    /** What one run did. */
    public record Run(String program, int seen, int published, Instant watermark, boolean skipped) {
    }

    private final Dhis2Client dhis2;
    private final Broker broker;
    private final SyncLogRepository log;
    private final WatermarkRepository watermarks;
    private final AgroalDataSource ds;
    private final SyncConfig config;
    private final ObjectMapper json;
    private final Counter publishedCounter;
    private final Event<Completed> completed;

    public ChangeDetector(Dhis2Client dhis2, Broker broker, SyncLogRepository log, WatermarkRepository watermarks,
            AgroalDataSource ds, SyncConfig config, ObjectMapper json, MeterRegistry registry, Event<Completed> completed) {
        this.dhis2 = dhis2;
        this.broker = broker;
        this.log = log;
        this.watermarks = watermarks;
        this.ds = ds;
        this.config = config;
        this.json = json;
        this.publishedCounter = registry.counter("sync.detection.published");
        this.completed = completed;
    }

    @Scheduled(every = "${sync.detection.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (String program : config.detection().programs()) {
            try {
                Run run = run(program);
                if (run.published() > 0) {
                    LOG.infof("Program %s: %d change(s) published, watermark %s", program, run.published(), run.watermark());
                }
            } catch (RuntimeException | SQLException e) {
                LOG.warnf("Change detection of program %s failed, watermark kept: %s", program, e.getMessage());
            }
        }
    }

    /** One detection run for a program (also the manual trigger). */
    public Run run(String program) throws SQLException {
        try (Connection lock = ds.getConnection()) {
            if (!tryLock(lock, "detect:" + program)) {
                return new Run(program, 0, 0, null, true);
            }
            try {
                return detect(program);
            } finally {
                unlock(lock, "detect:" + program);
            }
        }
    }

    private Run detect(String program) throws SQLException {
        ZoneId zone = dhis2.systemInfo().zone();
        Instant watermark = watermarks.get(program).orElse(Instant.parse(config.detection().start()));
        Instant cursor = watermark.minus(config.detection().overlap());
        Instant newest = watermark;
        int page = 1;
        int seen = 0;
        int published = 0;
        int pageSize = config.dhis2().pageSize();
        while (true) {
            List<Dhis2Client.Change> changes = dhis2.changedSince(program, DHIS2.format(cursor.atZone(zone)), page);
            if (changes.isEmpty()) {
                break;
            }
            seen += changes.size();
            Map<String, Instant> updated = new LinkedHashMap<>();
            for (Dhis2Client.Change c : changes) {
                updated.put(c.uid(), LocalDateTime.parse(c.updatedAt()).atZone(zone).toInstant());
            }
            Map<String, Instant> known = log.publishedAt(updated.keySet());
            Map<String, Instant> fresh = new LinkedHashMap<>();
            List<JsonNode> messages = new ArrayList<>();
            for (Map.Entry<String, Instant> e : updated.entrySet()) {
                Instant before = known.get(e.getKey());
                if (before == null || e.getValue().isAfter(before)) {
                    fresh.put(e.getKey(), e.getValue());
                    messages.add(message(e.getKey(), program, e.getValue()));
                }
            }
            if (!messages.isEmpty()) {
                broker.publish(Broker.WORK, messages, "org.ancconnect.sync.tracked-entity.changed", Map.of());
                log.published(program, fresh);
                published += messages.size();
                publishedCounter.increment(messages.size());
            }
            Instant first = updated.values().iterator().next();
            Instant last = new ArrayList<>(updated.values()).get(updated.size() - 1);
            newest = last.isAfter(newest) ? last : newest;
            if (changes.size() < pageSize) {
                break;
            }
            // Keyset paging on updatedAt: restart from the last timestamp seen (re-reads are de-duplicated); only a
            // page made entirely of one timestamp needs the next page of that same timestamp.
            if (first.equals(last) && last.equals(cursor)) {
                page++;
            } else {
                cursor = last;
                page = 1;
            }
        }
        completed.fire(new Completed(program, watermarks.advance(program, newest)));
        return new Run(program, seen, published, newest, false);
    }

    /** Publishes one tracked entity for (re-)sync regardless of the watermark: the manual, replay and webhook path. */
    public void resync(String uid, String program) throws SQLException {
        broker.publish(Broker.WORK, List.of(message(uid, program, null)), "org.ancconnect.sync.tracked-entity.resync", Map.of());
        Map<String, Instant> one = new LinkedHashMap<>();
        one.put(uid, null);
        log.published(program, one);
    }

    private JsonNode message(String uid, String program, Instant updatedAt) {
        var node = json.createObjectNode().put("trackedEntity", uid).put("program", program);
        node.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return node;
    }

    static boolean tryLock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            ps.execute();
        }
    }
}
