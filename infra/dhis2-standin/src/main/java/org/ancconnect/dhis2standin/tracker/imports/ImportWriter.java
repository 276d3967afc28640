package org.ancconnect.dhis2standin.tracker.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ancconnect.dhis2standin.tracker.ServerClock;

/**
 * Writes a validated import. Like DHIS2's importer it bumps the owning tracked entity's
 * {@code updatedAt} whenever one of its enrollments or events changes, which is what lets a client
 * find every change through {@code trackedEntities?updatedAfter=}.
 */
@ApplicationScoped
public class ImportWriter {

    private final ObjectMapper json;
    private final ServerClock clock;

    public ImportWriter(ObjectMapper json, ServerClock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Writes the bundle; returns per tracker type how many objects were created, updated, deleted. */
    Map<String, int[]> write(Connection c, ImportBundle b, ImportState s, ImportStrategy strategy, String user)
            throws SQLException {
        Map<String, int[]> stats = new LinkedHashMap<>();
        Timestamp now = Timestamp.from(b.now);
        Map<String, ObjectNode> attributes = new LinkedHashMap<>();
        Map<String, String> enrollmentEntity = new LinkedHashMap<>();
        s.enrollments.forEach((uid, en) -> enrollmentEntity.put(uid, en.trackedEntity()));
        b.enrollments().forEach(en -> enrollmentEntity.put(en.uid(), en.trackedEntity() != null ? en.trackedEntity()
                : s.enrollments.get(en.uid()).trackedEntity()));
        if (strategy == ImportStrategy.DELETE) {
            delete(c, b, now, user, stats, enrollmentEntity, s);
            return stats;
        }
        for (ImportBundle.Entity te : b.entities()) {
            merge(attributes(attributes, s, te.uid()), te.attributes(), b);
        }
        for (ImportBundle.Enrollment en : b.enrollments()) {
            merge(attributes(attributes, s, enrollmentEntity.get(en.uid())), en.attributes(), b);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tracked_entity (uid, tracked_entity_type, org_unit,"
                + " inactive, created_at, updated_at, created_by, updated_by, attributes) VALUES (?,?,?,?,?,?,?,?,?::jsonb)"
                + " ON CONFLICT (uid) DO UPDATE SET org_unit = excluded.org_unit, inactive = excluded.inactive,"
                + " updated_at = excluded.updated_at, updated_by = excluded.updated_by, attributes = excluded.attributes")) {
            for (ImportBundle.Entity te : b.entities()) {
                ps.setString(1, te.uid());
                ps.setString(2, te.type());
                ps.setString(3, te.orgUnit());
                ps.setBoolean(4, te.inactive());
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.setString(7, user);
                ps.setString(8, user);
                ps.setString(9, text(attributes.get(te.uid())));
                ps.addBatch();
                count(stats, "TRACKED_ENTITY", s.entities.containsKey(te.uid()) ? 1 : 0);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO enrollment (uid, tracked_entity, program, org_unit, status,"
                + " enrolled_at, occurred_at, completed_at, created_at, updated_at, created_by, updated_by)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (uid) DO UPDATE SET org_unit = excluded.org_unit,"
                + " status = excluded.status, enrolled_at = excluded.enrolled_at, occurred_at = excluded.occurred_at,"
                + " completed_at = excluded.completed_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
            for (ImportBundle.Enrollment en : b.enrollments()) {
                ps.setString(1, en.uid());
                ps.setString(2, enrollmentEntity.get(en.uid()));
                ps.setString(3, en.program());
                ps.setString(4, en.orgUnit());
                ps.setString(5, en.status());
                ps.setTimestamp(6, ts(en.enrolledAt(), "enrolledAt"));
                ps.setTimestamp(7, en.occurredAt() == null ? ts(en.enrolledAt(), "enrolledAt") : ts(en.occurredAt(), "occurredAt"));
                ps.setTimestamp(8, "COMPLETED".equals(en.status()) ? now : null);
                ps.setTimestamp(9, now);
                ps.setTimestamp(10, now);
                ps.setString(11, user);
                ps.setString(12, user);
                ps.addBatch();
                count(stats, "ENROLLMENT", s.enrollments.containsKey(en.uid()) ? 1 : 0);
            }
            ps.executeBatch();
        }
        writeEvents(c, b, s, now, user, stats, enrollmentEntity);
        touchParents(c, b, now, user, attributes, enrollmentEntity, s);
        return stats;
    }

    private void writeEvents(Connection c, ImportBundle b, ImportState s, Timestamp now, String user,
            Map<String, int[]> stats, Map<String, String> enrollmentEntity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event (uid, enrollment, tracked_entity, program,"
                + " program_stage, org_unit, status, occurred_at, scheduled_at, completed_at, created_at, updated_at,"
                + " created_by, updated_by, data_values) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb)"
                + " ON CONFLICT (uid) DO UPDATE SET org_unit = excluded.org_unit, status = excluded.status,"
                + " occurred_at = excluded.occurred_at, scheduled_at = excluded.scheduled_at,"
                + " completed_at = excluded.completed_at, updated_at = excluded.updated_at, updated_by = excluded.updated_by,"
                + " data_values = excluded.data_values")) {
            for (ImportBundle.Event ev : b.events()) {
                ImportState.StoredEvent stored = s.events.get(ev.uid());
                ObjectNode values = stored == null ? json.createObjectNode() : parse(stored.dataValues());
                for (Map.Entry<String, String> dv : ev.dataValues().entrySet()) {
                    put(values, dv.getKey(), dv.getValue(), b, user);
                }
                ps.setString(1, ev.uid());
                ps.setString(2, ev.enrollment());
                ps.setString(3, enrollmentEntity.get(ev.enrollment()));
                ps.setString(4, ev.program() != null ? ev.program() : programOf(b, s, ev.enrollment()));
                ps.setString(5, ev.stage());
                ps.setString(6, ev.orgUnit());
                ps.setString(7, ev.status());
                ps.setTimestamp(8, ts(ev.occurredAt(), "occurredAt"));
                ps.setTimestamp(9, ev.scheduledAt() == null ? ts(ev.occurredAt(), "occurredAt") : ts(ev.scheduledAt(), "scheduledAt"));
                ps.setTimestamp(10, "COMPLETED".equals(ev.status()) ? now : null);
                ps.setTimestamp(11, now);
                ps.setTimestamp(12, now);
                ps.setString(13, user);
                ps.setString(14, user);
                ps.setString(15, text(values));
                ps.addBatch();
                count(stats, "EVENT", stored != null ? 1 : 0);
            }
            ps.executeBatch();
        }
    }

    private void delete(Connection c, ImportBundle b, Timestamp now, String user, Map<String, int[]> stats,
            Map<String, String> enrollmentEntity, ImportState s) throws SQLException {
        for (ImportBundle.Entity te : b.entities()) {
            update(c, "UPDATE event SET deleted = true, updated_at = ?, updated_by = ? WHERE tracked_entity = ?", now, user, te.uid());
            update(c, "UPDATE enrollment SET deleted = true, updated_at = ?, updated_by = ? WHERE tracked_entity = ?", now, user,
                    te.uid());
            update(c, "UPDATE tracked_entity SET deleted = true, updated_at = ?, updated_by = ? WHERE uid = ?", now, user, te.uid());
            count(stats, "TRACKED_ENTITY", 2);
        }
        for (ImportBundle.Enrollment en : b.enrollments()) {
            update(c, "UPDATE event SET deleted = true, updated_at = ?, updated_by = ? WHERE enrollment = ?", now, user, en.uid());
            update(c, "UPDATE enrollment SET deleted = true, updated_at = ?, updated_by = ? WHERE uid = ?", now, user, en.uid());
            update(c, "UPDATE tracked_entity SET updated_at = ?, updated_by = ? WHERE uid = ?", now, user,
                    enrollmentEntity.get(en.uid()));
            count(stats, "ENROLLMENT", 2);
        }
        for (ImportBundle.Event ev : b.events()) {
            update(c, "UPDATE event SET deleted = true, updated_at = ?, updated_by = ? WHERE uid = ?", now, user, ev.uid());
            update(c, "UPDATE tracked_entity SET updated_at = ?, updated_by = ? WHERE uid = ?", now, user,
                    s.events.get(ev.uid()).trackedEntity());
            count(stats, "EVENT", 2);
        }
    }

    private void touchParents(Connection c, ImportBundle b, Timestamp now, String user, Map<String, ObjectNode> attributes,
            Map<String, String> enrollmentEntity, ImportState s) throws SQLException {
        Map<String, ObjectNode> touched = new LinkedHashMap<>();
        b.enrollments().forEach(en -> touched.put(enrollmentEntity.get(en.uid()), null));
        b.events().forEach(ev -> touched.put(enrollmentEntity.get(ev.enrollment()), null));
        b.entities().forEach(te -> touched.remove(te.uid()));
        try (PreparedStatement ps = c.prepareStatement("UPDATE tracked_entity SET updated_at = ?, updated_by = ?,"
                + " attributes = ?::jsonb WHERE uid = ?")) {
            for (String te : touched.keySet()) {
                ps.setTimestamp(1, now);
                ps.setString(2, user);
                ps.setString(3, text(attributes(attributes, s, te)));
                ps.setString(4, te);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private ObjectNode attributes(Map<String, ObjectNode> cache, ImportState s, String te) {
        return cache.computeIfAbsent(te, uid -> s.entities.containsKey(uid) ? parse(s.entities.get(uid).attributes())
                : json.createObjectNode());
    }

    private void merge(ObjectNode target, Map<String, String> values, ImportBundle b) {
        values.forEach((uid, value) -> put(target, uid, value, b, null));
    }

    /** Sets one value; null or empty removes it, as DHIS2 does; an unchanged value keeps its timestamps. */
    private void put(ObjectNode target, String uid, String value, ImportBundle b, String storedBy) {
        if (value == null || value.isEmpty()) {
            target.remove(uid);
            return;
        }
        ObjectNode existing = (ObjectNode) target.get(uid);
        if (existing != null && value.equals(existing.path("value").asText())) {
            return;
        }
        ObjectNode v = target.putObject(uid);
        v.put("value", value);
        v.put("createdAt", existing == null ? b.now.toEpochMilli() : existing.path("createdAt").asLong());
        v.put("updatedAt", b.now.toEpochMilli());
        if (storedBy != null) {
            v.put("storedBy", storedBy);
            v.put("providedElsewhere", false);
        }
    }

    private String programOf(ImportBundle b, ImportState s, String enrollment) {
        for (ImportBundle.Enrollment en : b.enrollments()) {
            if (en.uid().equals(enrollment)) {
                return en.program();
            }
        }
        return s.enrollments.get(enrollment).program();
    }

    private Timestamp ts(String value, String field) {
        var instant = clock.parse(value, field);
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void update(Connection c, String sql, Timestamp now, String user, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, now);
            ps.setString(2, user);
            ps.setString(3, uid);
            ps.executeUpdate();
        }
    }

    /** Counts an object: kind 0 created, 1 updated, 2 deleted. */
    private static void count(Map<String, int[]> stats, String type, int kind) {
        stats.computeIfAbsent(type, t -> new int[3])[kind]++;
    }

    private ObjectNode parse(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
