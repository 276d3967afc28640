package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracked entity as the Tracker API returns it ({@code fields=*} with enrollments and events),
 * read defensively: zone-less timestamps are placed in the DHIS2 server's zone, and anything
 * malformed is a {@link MappingException} naming the field.
 */
public record TrackedEntity(String uid, String orgUnit, boolean deleted, Instant updatedAt, Map<String, String> attributes,
        List<Enrollment> enrollments) {

    public record User(String uid, String username, String firstName, String surname) {
    }

    public record Enrollment(String uid, String program, String orgUnit, String status, Instant enrolledAt, boolean deleted,
            List<Event> events) {
    }

    public record Event(String uid, String field, String programStage, String orgUnit, String status, Instant occurredAt,
            Instant scheduledAt, Instant completedAt, boolean deleted, User performer, Map<String, String> dataValues) {
    }


    /**
     * Reads the payload. Attribute values come from the tracked entity and from every enrollment (a
     * program attribute lives on the enrollment in the export; DHIS2 keeps one value per attribute).
     */
    public static TrackedEntity parse(JsonNode te, ZoneId serverZone) {
        String uid = required(te, "trackedEntity", "trackedEntity");
        Map<String, String> attributes = new LinkedHashMap<>();
        readAttributes(te.path("attributes"), "attributes", attributes);
        List<Enrollment> enrollments = new ArrayList<>();
        int i = 0;
        for (JsonNode en : te.path("enrollments")) {
            String path = "enrollments[" + i++ + "]";
            readAttributes(en.path("attributes"), path + ".attributes", attributes);
            List<Event> events = new ArrayList<>();
            int j = 0;
            for (JsonNode ev : en.path("events")) {
                events.add(event(ev, path + ".events[" + j++ + "]", serverZone));
            }
            enrollments.add(new Enrollment(required(en, "enrollment", path), required(en, "program", path),
                    required(en, "orgUnit", path), en.path("status").asText("ACTIVE"),
                    instant(en, "enrolledAt", path, serverZone), en.path("deleted").asBoolean(false), events));
        }
        return new TrackedEntity(uid, required(te, "orgUnit", "trackedEntity"), te.path("deleted").asBoolean(false),
                instant(te, "updatedAt", "trackedEntity", serverZone), attributes, enrollments);
    }

    private static Event event(JsonNode ev, String path, ZoneId zone) {
        Map<String, String> values = new LinkedHashMap<>();
        int k = 0;
        for (JsonNode dv : ev.path("dataValues")) {
            int index = k++;
            String de = text(dv, "dataElement");
            if (de == null) {
                // The element's path is spelled out only when it is at fault (it was a measurable share of parsing).
                throw new MappingException(path + ".dataValues[" + index + "].dataElement", "missing");
            }
            JsonNode value = dv.get("value");
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                values.put(de, value.asText());
            }
        }
        User performer = user(ev.path("updatedBy"));
        if (ev.hasNonNull("completedBy") && (performer == null || !ev.get("completedBy").asText().equals(performer.username()))) {
            // completedBy is a bare username; the user snapshot of updatedBy carries names only when it is the same user.
            performer = new User(null, ev.get("completedBy").asText(), null, null);
        }
        if (performer == null) {
            performer = user(ev.path("createdBy"));
        }
        return new Event(required(ev, "event", path), path, required(ev, "programStage", path), required(ev, "orgUnit", path),
                required(ev, "status", path), instant(ev, "occurredAt", path, zone), instant(ev, "scheduledAt", path, zone),
                instant(ev, "completedAt", path, zone), ev.path("deleted").asBoolean(false), performer, values);
    }

    private static User user(JsonNode u) {
        if (u == null || !u.isObject() || !u.hasNonNull("username")) {
            return null;
        }
        return new User(u.path("uid").asText(null), u.get("username").asText(), u.path("firstName").asText(null),
                u.path("surname").asText(null));
    }

    private static void readAttributes(JsonNode array, String path, Map<String, String> into) {
        int i = 0;
        for (JsonNode a : array) {
            int index = i++;
            String attribute = text(a, "attribute");
            if (attribute == null) {
                throw new MappingException(path + "[" + index + "].attribute", "missing");
            }
            JsonNode value = a.get("value");
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                into.put(attribute, value.asText());
            }
        }
    }

    private static String required(JsonNode node, String field, String path) {
        String v = text(node, field);
        if (v == null) {
            throw new MappingException(path + "." + field, "missing");
        }
        return v;
    }

    /** A present, non-blank scalar's text, or null. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String text = v.asText();
        return text.isBlank() ? null : text;
    }

    /** A DHIS2 timestamp: zone-less in the server's zone (what the API sends), or with an explicit offset. */
    static Instant instant(JsonNode node, String field, String path, ZoneId zone) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        String value = node.get(field).asText();
        try {
            return Timestamps.parse(value, zone);
        } catch (DateTimeException e) {
            throw new MappingException(path + "." + field, "not a date-time: '" + value + "'");
        }
    }
}
