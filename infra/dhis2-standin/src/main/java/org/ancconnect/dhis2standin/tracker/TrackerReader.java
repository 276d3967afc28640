package org.ancconnect.dhis2standin.tracker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads tracked entities (with their enrollments and events) and events for the export endpoints. */
@ApplicationScoped
public class TrackerReader {

    private final AgroalDataSource ds;
    private final TrackerJson render;

    public TrackerReader(AgroalDataSource ds, TrackerJson render) {
        this.ds = ds;
        this.render = render;
    }

    /** A page of results and, when asked for, the total count. */
    public record Page(List<ObjectNode> items, Long total) {
    }

    public Page trackedEntities(TrackerQuery q, boolean withEnrollments) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (!q.includeDeleted()) {
            where.append(" AND NOT te.deleted");
        }
        if (q.program() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM enrollment e WHERE e.tracked_entity = te.uid AND e.program = ?")
                    .append(q.includeDeleted() ? ")" : " AND NOT e.deleted)");
            args.add(q.program());
        }
        common(q, where, args, "te");
        for (TrackerQuery.AttributeFilter f : q.filters()) {
            // DHIS2 compares attribute values case-insensitively (lower() on both sides).
            where.append(" AND lower(te.attributes -> ? ->> 'value')").append("eq".equals(f.operator()) ? " = lower(?)" : " LIKE lower(?)");
            args.add(f.attribute());
            args.add("eq".equals(f.operator()) ? f.value() : "%" + f.value().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        try (Connection c = ds.getConnection()) {
            List<ObjectNode> items = new ArrayList<>();
            Map<String, ObjectNode> byUid = new LinkedHashMap<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT te.* FROM tracked_entity te" + where
                    + orderBy(q, "te") + limit(q))) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode te = render.trackedEntity(rs, q.program() != null);
                        items.add(te);
                        byUid.put(rs.getString("uid"), te);
                        attributes.put(rs.getString("uid"), rs.getString("attributes"));
                    }
                }
            }
            if (withEnrollments && !byUid.isEmpty()) {
                attachEnrollments(c, byUid, attributes, q);
            }
            return new Page(items, q.totalPages() ? count(c, "SELECT count(*) FROM tracked_entity te" + where, args) : null);
        }
    }

    public Optional<ObjectNode> trackedEntity(String uid, String program, boolean includeDeleted) throws SQLException {
        TrackerQuery q = new TrackerQuery(program, null, uid, java.util.Set.of(), null, null, List.of(), 1, 1, true,
                false, includeDeleted, List.of());
        List<ObjectNode> found = trackedEntities(q, true).items();
        return found.stream().findFirst();
    }

    public Page events(TrackerQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (!q.includeDeleted()) {
            where.append(" AND NOT ev.deleted");
        }
        if (q.program() != null) {
            where.append(" AND ev.program = ?");
            args.add(q.program());
        }
        if (q.programStage() != null) {
            where.append(" AND ev.program_stage = ?");
            args.add(q.programStage());
        }
        common(q, where, args, "ev");
        try (Connection c = ds.getConnection()) {
            List<ObjectNode> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ev.* FROM event ev" + where + orderBy(q, "ev") + limit(q))) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(render.event(rs));
                    }
                }
            }
            return new Page(items, q.totalPages() ? count(c, "SELECT count(*) FROM event ev" + where, args) : null);
        }
    }

    private void attachEnrollments(Connection c, Map<String, ObjectNode> byUid, Map<String, String> attributes,
            TrackerQuery q) throws SQLException {
        Map<String, ObjectNode> enrollments = new LinkedHashMap<>();
        String deleted = q.includeDeleted() ? "" : " AND NOT deleted";
        String program = q.program() == null ? "" : " AND program = ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM enrollment WHERE tracked_entity = ANY(?)" + deleted
                + program + " ORDER BY enrolled_at, uid")) {
            ps.setArray(1, c.createArrayOf("varchar", byUid.keySet().toArray()));
            if (q.program() != null) {
                ps.setString(2, q.program());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String te = rs.getString("tracked_entity");
                    ObjectNode en = render.enrollment(rs, attributes.get(te));
                    ((ArrayNode) byUid.get(te).get("enrollments")).add(en);
                    ObjectNode owner = ((ArrayNode) byUid.get(te).get("programOwners")).addObject();
                    owner.put("orgUnit", rs.getString("org_unit")).put("trackedEntity", te)
                            .put("program", rs.getString("program"));
                    enrollments.put(rs.getString("uid"), en);
                }
            }
        }
        if (enrollments.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM event WHERE enrollment = ANY(?)" + deleted
                + " ORDER BY coalesce(occurred_at, scheduled_at), uid")) {
            ps.setArray(1, c.createArrayOf("varchar", enrollments.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ((ArrayNode) enrollments.get(rs.getString("enrollment")).get("events")).add(render.event(rs));
                }
            }
        }
    }

    private static void common(TrackerQuery q, StringBuilder where, List<Object> args, String alias) {
        if (q.trackedEntity() != null) {
            where.append(" AND ").append(alias).append(alias.equals("te") ? ".uid = ?" : ".tracked_entity = ?");
            args.add(q.trackedEntity());
        }
        if (!q.orgUnits().isEmpty()) {
            where.append(" AND ").append(alias).append(".org_unit = ANY(?)");
            args.add(q.orgUnits().toArray(String[]::new));
        }
        if (q.updatedAfter() != null) {
            // DHIS2's updatedAfter is inclusive.
            where.append(" AND ").append(alias).append(".updated_at >= ?");
            args.add(Timestamp.from(q.updatedAfter()));
        }
        if (q.updatedBefore() != null) {
            where.append(" AND ").append(alias).append(".updated_at <= ?");
            args.add(Timestamp.from(q.updatedBefore()));
        }
    }

    private static String orderBy(TrackerQuery q, String alias) {
        StringBuilder sb = new StringBuilder(" ORDER BY ");
        for (TrackerQuery.Order o : q.order()) {
            sb.append(alias).append('.').append(o.column()).append(o.ascending() ? " ASC, " : " DESC, ");
        }
        // DHIS2 orders by id last so pages never overlap; the uid does the same here.
        return sb.append(alias).append(".uid ASC").toString();
    }

    private static String limit(TrackerQuery q) {
        return q.paging() ? " LIMIT " + q.pageSize() + " OFFSET " + q.offset() : "";
    }

    private static long count(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] array) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("varchar", array));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
