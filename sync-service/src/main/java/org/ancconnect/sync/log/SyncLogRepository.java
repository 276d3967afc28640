package org.ancconnect.sync.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sync log (table sync_entity), over JDBC: the worker writes it on the connection that holds the
 * entity's advisory lock, so the lock, the log and the "previous keys" read stay one consistent view.
 */
@ApplicationScoped
public class SyncLogRepository {

    private final AgroalDataSource ds;
    private final ObjectMapper json;

    public SyncLogRepository(AgroalDataSource ds, ObjectMapper json) {
        this.ds = ds;
        this.json = json;
    }

    /** DHIS2 updatedAt last published per tracked entity (the poll's de-duplication). */
    public Map<String, Instant> publishedAt(Collection<String> uids) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tracked_entity, published_at FROM sync_entity WHERE tracked_entity = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("varchar", uids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(2);
                    if (t != null) {
                        out.put(rs.getString(1), t.toInstant());
                    }
                }
            }
        }
        return out;
    }

    /** Records published changes (never moving published_at backwards). */
    public void published(String program, Map<String, Instant> changes) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_entity (tracked_entity, program, status, published_at, updated_at) VALUES (?,?,'QUEUED',?,now())"
                        + " ON CONFLICT (tracked_entity) DO UPDATE SET status = 'QUEUED', updated_at = now(),"
                        + " published_at = greatest(sync_entity.published_at, excluded.published_at)")) {
            for (Map.Entry<String, Instant> e : changes.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, program);
                ps.setTimestamp(3, e.getValue() == null ? null : Timestamp.from(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The keys the last successful sync of an entity wrote. */
    public Set<String> keys(Connection c, String uid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT fhir_keys FROM sync_entity WHERE tracked_entity = ?")) {
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LinkedHashSet<>(read(rs.getString(1))) : Set.of();
            }
        }
    }

    public void synced(Connection c, String uid, String program, Instant version, Set<String> keys, List<String> versions,
            int attempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_entity (tracked_entity, program, status, synced_version,"
                + " attempts, last_error, fhir_keys, fhir_versions, synced_at, updated_at) VALUES (?,?,'SYNCED',?,?,NULL,?::jsonb,?::jsonb,now(),now())"
                + " ON CONFLICT (tracked_entity) DO UPDATE SET status = 'SYNCED', synced_version = excluded.synced_version,"
                + " attempts = excluded.attempts, last_error = NULL, fhir_keys = excluded.fhir_keys,"
                + " fhir_versions = excluded.fhir_versions, synced_at = now(), updated_at = now()")) {
            ps.setString(1, uid);
            ps.setString(2, program);
            ps.setTimestamp(3, version == null ? null : Timestamp.from(version));
            ps.setInt(4, attempts);
            ps.setString(5, write(keys));
            ps.setString(6, write(versions));
            ps.executeUpdate();
        }
    }

    /** A failed attempt: RETRYING (transient) or FAILED (dead-lettered). */
    public void failed(String uid, String program, String status, String error, int attempts) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sync_entity"
                + " (tracked_entity, program, status, attempts, last_error, updated_at) VALUES (?,?,?,?,?,now())"
                + " ON CONFLICT (tracked_entity) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,"
                + " last_error = excluded.last_error, updated_at = now()")) {
            ps.setString(1, uid);
            ps.setString(2, program);
            ps.setString(3, status);
            ps.setInt(4, attempts);
            ps.setString(5, error);
            ps.executeUpdate();
        }
    }

    public Optional<SyncEntry> find(String uid) throws SQLException {
        List<SyncEntry> found = query("WHERE tracked_entity = ?", List.of(uid), 1, 0);
        return found.stream().findFirst();
    }

    public List<SyncEntry> list(String status, int limit, int offset) throws SQLException {
        return status == null ? query("", List.of(), limit, offset) : query("WHERE status = ?", List.of(status), limit, offset);
    }

    private List<SyncEntry> query(String where, List<String> args, int limit, int offset) throws SQLException {
        List<SyncEntry> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM sync_entity " + where
                + " ORDER BY updated_at DESC, tracked_entity LIMIT " + limit + " OFFSET " + offset)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SyncEntry(rs.getString("tracked_entity"), rs.getString("program"), rs.getString("status"),
                            instant(rs, "published_at"), instant(rs, "synced_version"), rs.getInt("attempts"),
                            rs.getString("last_error"), read(rs.getString("fhir_versions")), instant(rs, "synced_at"),
                            instant(rs, "updated_at")));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private List<String> read(String array) {
        try {
            return json.readValue(array, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Collection<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
