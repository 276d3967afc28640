package org.ancconnect.sync.registration;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patient sync status (table patient_sync) and the applied-event ledger (patient_event_applied), over
 * JDBC: the consumer writes them on the connection that holds the PHN's advisory lock.
 */
@ApplicationScoped
public class PatientStatusRepository {

    /** A page of statuses and how many there are in all. */
    public record Page(List<PatientStatus> items, long total) {
    }

    private final AgroalDataSource ds;

    public PatientStatusRepository(AgroalDataSource ds) {
        this.ds = ds;
    }

    boolean applied(Connection c, String ceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM patient_event_applied WHERE ce_id = ?")) {
            ps.setString(1, ceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void markApplied(Connection c, String ceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO patient_event_applied (ce_id, applied_at) VALUES (?, now()) ON CONFLICT DO NOTHING")) {
            ps.setString(1, ceId);
            ps.executeUpdate();
        }
    }

    /** occurredAt of the newest event applied to this PHN, if any. */
    Optional<Instant> eventAt(Connection c, String phn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT event_at FROM patient_sync WHERE phn = ?")) {
            ps.setString(1, phn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(instant(rs, "event_at")) : Optional.empty();
            }
        }
    }

    /** The event was received: the row exists (PENDING) before anything is written elsewhere. */
    void pending(Connection c, PatientEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient_sync (phn, display_name, org_unit, registered_at,"
                + " dhis2_status, nehr_status, updated_at) VALUES (?,?,?,?,'PENDING','PENDING',now())"
                + " ON CONFLICT (phn) DO UPDATE SET display_name = excluded.display_name, dhis2_status = 'PENDING',"
                + " nehr_status = 'PENDING', survivor_phn = NULL, updated_at = now()")) {
            ps.setString(1, e.phn());
            ps.setString(2, e.fullName());
            ps.setString(3, e.facility());
            ps.setTimestamp(4, Timestamp.from(e.occurredAt()));
            ps.executeUpdate();
        }
    }

    void dhis2Synced(Connection c, String phn, RegistrationPlan plan) throws SQLException {
        update(c, "UPDATE patient_sync SET tracked_entity = ?, enrollment = ?, org_unit = ?, dhis2_status = 'SYNCED',"
                + " last_error = NULL, updated_at = now() WHERE phn = ?", plan.trackedEntity(), plan.enrollment(), plan.orgUnit(), phn);
    }

    void nehrSynced(Connection c, String phn, Instant eventAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient_sync SET nehr_status = 'SYNCED', last_error = NULL,"
                + " event_at = ?, updated_at = now() WHERE phn = ?")) {
            ps.setTimestamp(1, Timestamp.from(eventAt));
            ps.setString(2, phn);
            ps.executeUpdate();
        }
    }

    /** A retired PHN after a merge: DHIS2 re-pointed to the survivor, the NEHR Patient replaced-by the survivor's. */
    void merged(Connection c, String retiredPhn, String survivorPhn, Instant eventAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO patient_sync (phn, dhis2_status, nehr_status, survivor_phn,"
                + " event_at, updated_at) VALUES (?, 'MERGED', 'REPLACED', ?, ?, now()) ON CONFLICT (phn) DO UPDATE SET"
                + " dhis2_status = 'MERGED', nehr_status = 'REPLACED', survivor_phn = excluded.survivor_phn,"
                + " event_at = excluded.event_at, last_error = NULL, updated_at = now()")) {
            ps.setString(1, retiredPhn);
            ps.setString(2, survivorPhn);
            ps.setTimestamp(3, Timestamp.from(eventAt));
            ps.executeUpdate();
        }
    }

    /** A failed attempt in one system ("dhis2" or "nehr"): RETRYING or FAILED, with the reason. */
    public void failed(String phn, String system, String status, String reason) throws SQLException {
        String column = "nehr".equals(system) ? "nehr_status" : "dhis2_status";
        try (Connection c = ds.getConnection()) {
            update(c, "UPDATE patient_sync SET " + column + " = ?, last_error = ?, updated_at = now() WHERE phn = ?", status,
                    reason, phn);
        }
    }

    public Optional<PatientStatus> find(String phn) throws SQLException {
        return query("WHERE phn = ?", phn, 1, 0).stream().findFirst();
    }

    /** Newest first; {@code orgUnit} null means every facility. */
    public Page list(String orgUnit, int limit, int offset) throws SQLException {
        String where = orgUnit == null ? "" : "WHERE org_unit = ?";
        List<PatientStatus> items = query(where, orgUnit, limit, offset);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM patient_sync " + where)) {
            if (orgUnit != null) {
                ps.setString(1, orgUnit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Page(items, rs.getLong(1));
            }
        }
    }

    /** The ledger only has to outlive redeliveries (minutes, or the last retry tier): a week is ample. */
    @Scheduled(every = "1h", delayed = "1m")
    void purgeLedger() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM patient_event_applied WHERE applied_at < now() - interval '7 days'")) {
            ps.executeUpdate();
        }
    }

    private List<PatientStatus> query(String where, String arg, int limit, int offset) throws SQLException {
        List<PatientStatus> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM patient_sync " + where
                + " ORDER BY updated_at DESC, phn LIMIT ? OFFSET ?")) {
            int i = 1;
            if (arg != null) {
                ps.setString(i++, arg);
            }
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PatientStatus(rs.getString("phn"), rs.getString("display_name"), rs.getString("tracked_entity"),
                            rs.getString("enrollment"), rs.getString("org_unit"), instant(rs, "registered_at"),
                            rs.getString("dhis2_status"), rs.getString("nehr_status"), rs.getString("last_error"),
                            instant(rs, "updated_at")));
                }
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
