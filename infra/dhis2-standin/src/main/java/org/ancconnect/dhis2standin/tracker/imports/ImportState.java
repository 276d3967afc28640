package org.ancconnect.dhis2standin.tracker.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the database already holds about the objects an import touches, read (and row-locked) inside
 * the import's transaction so concurrent imports of the same tracked entity serialise.
 */
final class ImportState {

    record StoredEntity(boolean deleted, String attributes) {
    }

    record StoredEnrollment(boolean deleted, String trackedEntity, String program) {
    }

    record StoredEvent(boolean deleted, String enrollment, String trackedEntity, String stage, String dataValues) {
    }

    final Map<String, StoredEntity> entities = new HashMap<>();
    final Map<String, StoredEnrollment> enrollments = new HashMap<>();
    final Map<String, StoredEvent> events = new HashMap<>();
    /** "enrollment/stage" of every live event of the touched enrollments (non-repeatable stage check). */
    final Set<String> liveStageEvents = new HashSet<>();

    static ImportState load(Connection c, ImportBundle b) throws SQLException {
        ImportState s = new ImportState();
        Set<String> teUids = new HashSet<>();
        b.entities().forEach(e -> teUids.add(e.uid()));
        b.enrollments().forEach(e -> addIfPresent(teUids, e.trackedEntity()));
        b.events().forEach(e -> addIfPresent(teUids, e.trackedEntity()));
        Set<String> enUids = new HashSet<>();
        b.enrollments().forEach(e -> enUids.add(e.uid()));
        b.events().forEach(e -> addIfPresent(enUids, e.enrollment()));
        Set<String> evUids = new HashSet<>();
        b.events().forEach(e -> evUids.add(e.uid()));

        try (ResultSet rs = query(c, "SELECT uid, tracked_entity, program, deleted FROM enrollment WHERE uid = ANY(?)", enUids)) {
            while (rs.next()) {
                s.enrollments.put(rs.getString(1), new StoredEnrollment(rs.getBoolean(4), rs.getString(2), rs.getString(3)));
                teUids.add(rs.getString(2));
            }
        }
        try (ResultSet rs = query(c, "SELECT uid, enrollment, tracked_entity, program_stage, data_values, deleted FROM event"
                + " WHERE uid = ANY(?)", evUids)) {
            while (rs.next()) {
                s.events.put(rs.getString(1), new StoredEvent(rs.getBoolean(6), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)));
                teUids.add(rs.getString(3));
            }
        }
        // Locked in a stable order so two imports touching the same entities cannot deadlock.
        try (ResultSet rs = query(c, "SELECT uid, attributes, deleted FROM tracked_entity WHERE uid = ANY(?)"
                + " ORDER BY uid FOR UPDATE", teUids)) {
            while (rs.next()) {
                s.entities.put(rs.getString(1), new StoredEntity(rs.getBoolean(3), rs.getString(2)));
            }
        }
        try (ResultSet rs = query(c, "SELECT enrollment, program_stage FROM event WHERE enrollment = ANY(?) AND NOT deleted",
                enUids)) {
            while (rs.next()) {
                s.liveStageEvents.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        return s;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static ResultSet query(Connection c, String sql, Set<String> uids) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setArray(1, c.createArrayOf("varchar", List.copyOf(uids).toArray()));
        return ps.executeQuery();
    }
}
