package org.ancconnect.dhis2standin.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.ancconnect.dhis2standin.auth.Users;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;

/** Renders stored rows in the Tracker API's JSON shapes (2.40 - 2.42 share them inside the envelopes). */
@ApplicationScoped
public class TrackerJson {

    private final ObjectMapper json;
    private final ServerClock clock;
    private final ProgramMetadata metadata;
    private final Users users;

    public TrackerJson(ObjectMapper json, ServerClock clock, ProgramMetadata metadata, Users users) {
        this.json = json;
        this.clock = clock;
        this.metadata = metadata;
        this.users = users;
    }

    public ObjectNode trackedEntity(ResultSet rs, boolean withProgramAttributes) throws SQLException {
        ObjectNode te = json.createObjectNode();
        te.put("trackedEntity", rs.getString("uid"));
        te.put("trackedEntityType", rs.getString("tracked_entity_type"));
        timestamps(te, rs);
        te.put("orgUnit", rs.getString("org_unit"));
        te.put("inactive", rs.getBoolean("inactive"));
        te.put("deleted", rs.getBoolean("deleted"));
        te.put("potentialDuplicate", false);
        users(te, rs);
        ArrayNode attributes = te.putArray("attributes");
        forEachValue(rs.getString("attributes"), (uid, v) -> {
            if (withProgramAttributes || metadata.isTypeAttribute(uid)) {
                attributes.add(attribute(uid, v));
            }
        });
        te.putArray("enrollments");
        te.putArray("relationships");
        te.putArray("programOwners");
        return te;
    }

    /** An enrollment; its program attributes come from the tracked entity's values (one value per attribute). */
    public ObjectNode enrollment(ResultSet rs, String attributesOfEntity) throws SQLException {
        ObjectNode en = json.createObjectNode();
        en.put("enrollment", rs.getString("uid"));
        timestamps(en, rs);
        en.put("trackedEntity", rs.getString("tracked_entity"));
        en.put("program", rs.getString("program"));
        en.put("status", rs.getString("status"));
        en.put("orgUnit", rs.getString("org_unit"));
        en.put("enrolledAt", clock.format(instant(rs, "enrolled_at")));
        en.put("occurredAt", clock.format(instant(rs, "occurred_at")));
        if (rs.getTimestamp("completed_at") != null) {
            en.put("completedAt", clock.format(instant(rs, "completed_at")));
        }
        en.put("followUp", false);
        en.put("deleted", rs.getBoolean("deleted"));
        users(en, rs);
        en.putArray("events");
        en.putArray("relationships");
        ArrayNode attributes = en.putArray("attributes");
        forEachValue(attributesOfEntity, (uid, v) -> {
            if (!metadata.isTypeAttribute(uid)) {
                attributes.add(attribute(uid, v));
            }
        });
        en.putArray("notes");
        return en;
    }

    public ObjectNode event(ResultSet rs) throws SQLException {
        ObjectNode ev = json.createObjectNode();
        ev.put("event", rs.getString("uid"));
        ev.put("status", rs.getString("status"));
        ev.put("program", rs.getString("program"));
        ev.put("programStage", rs.getString("program_stage"));
        ev.put("enrollment", rs.getString("enrollment"));
        ev.put("trackedEntity", rs.getString("tracked_entity"));
        ev.put("orgUnit", rs.getString("org_unit"));
        ev.put("occurredAt", clock.format(instant(rs, "occurred_at")));
        ev.put("scheduledAt", clock.format(instant(rs, "scheduled_at")));
        timestamps(ev, rs);
        if (rs.getTimestamp("completed_at") != null) {
            ev.put("completedAt", clock.format(instant(rs, "completed_at")));
            ev.put("completedBy", rs.getString("updated_by"));
        }
        ev.put("followUp", false);
        ev.put("deleted", rs.getBoolean("deleted"));
        ev.put("attributeOptionCombo", "HllvX50cXC0");
        ev.put("attributeCategoryOptions", "xYerKDKCefk");
        users(ev, rs);
        ArrayNode values = ev.putArray("dataValues");
        forEachValue(rs.getString("data_values"), (uid, v) -> {
            ObjectNode dv = values.addObject();
            dv.put("dataElement", uid);
            dv.put("value", v.path("value").asText());
            dv.put("providedElsewhere", v.path("providedElsewhere").asBoolean(false));
            dv.put("createdAt", clock.format(Instant.ofEpochMilli(v.path("createdAt").asLong())));
            dv.put("updatedAt", clock.format(Instant.ofEpochMilli(v.path("updatedAt").asLong())));
            dv.put("storedBy", v.path("storedBy").asText(null));
        });
        ev.putArray("notes");
        ev.putArray("relationships");
        return ev;
    }

    private ObjectNode attribute(String uid, JsonNode v) {
        ObjectNode a = json.createObjectNode();
        a.put("attribute", uid);
        a.put("displayName", metadata.name(uid));
        a.put("createdAt", clock.format(Instant.ofEpochMilli(v.path("createdAt").asLong())));
        a.put("updatedAt", clock.format(Instant.ofEpochMilli(v.path("updatedAt").asLong())));
        a.put("valueType", metadata.attributeType(uid).orElse("TEXT"));
        a.put("value", v.path("value").asText());
        return a;
    }

    private void timestamps(ObjectNode node, ResultSet rs) throws SQLException {
        String created = clock.format(instant(rs, "created_at"));
        String updated = clock.format(instant(rs, "updated_at"));
        node.put("createdAt", created);
        node.put("createdAtClient", created);
        node.put("updatedAt", updated);
        node.put("updatedAtClient", updated);
    }

    private void users(ObjectNode node, ResultSet rs) throws SQLException {
        node.set("createdBy", userInfo(rs.getString("created_by")));
        node.set("updatedBy", userInfo(rs.getString("updated_by")));
    }

    /** DHIS2's UserInfoSnapshot of the user who made a change. */
    private JsonNode userInfo(String username) {
        if (username == null) {
            return json.nullNode();
        }
        ObjectNode info = json.createObjectNode();
        users.byUsername(username).ifPresentOrElse(u -> info.put("uid", u.id()).put("username", u.username())
                .put("firstName", u.firstName()).put("surname", u.surname()), () -> info.put("username", username));
        return info;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private void forEachValue(String jsonObject, ValueConsumer consumer) {
        try {
            JsonNode values = json.readTree(jsonObject);
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                consumer.accept(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface ValueConsumer {
        void accept(String uid, JsonNode value);
    }
}
