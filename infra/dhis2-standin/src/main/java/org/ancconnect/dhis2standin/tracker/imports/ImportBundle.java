package org.ancconnect.dhis2standin.tracker.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracker import payload flattened: nested ({@code trackedEntities[].enrollments[].events[]}) and
 * flat ({@code enrollments}, {@code events} at the top with parent uids) objects become three lists,
 * each object with its parent uid and a generated uid where the client sent none (DHIS2 does the same).
 */
public final class ImportBundle {

    /** A tracked entity to import; attribute values are raw strings, null or empty meaning "remove". */
    public record Entity(int index, String uid, String type, String orgUnit, boolean inactive,
            Map<String, String> attributes) {
    }

    public record Enrollment(int index, String uid, String trackedEntity, String program, String orgUnit, String status,
            String enrolledAt, String occurredAt, Map<String, String> attributes) {
    }

    public record Event(int index, String uid, String enrollment, String trackedEntity, String program, String stage,
            String orgUnit, String status, String occurredAt, String scheduledAt, Map<String, String> dataValues) {
    }

    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = ALPHA + "0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final List<Entity> entities = new ArrayList<>();
    final List<Enrollment> enrollments = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    final Instant now = Instant.now();

    public static ImportBundle of(JsonNode body) {
        ImportBundle b = new ImportBundle();
        for (JsonNode te : body.path("trackedEntities")) {
            String uid = uidOf(te, "trackedEntity");
            b.entities.add(new Entity(b.entities.size(), uid, text(te, "trackedEntityType"), text(te, "orgUnit"),
                    te.path("inactive").asBoolean(false), values(te.path("attributes"), "attribute")));
            te.path("enrollments").forEach(en -> b.enrollment(en, uid));
        }
        body.path("enrollments").forEach(en -> b.enrollment(en, text(en, "trackedEntity")));
        body.path("events").forEach(ev -> b.event(ev, text(ev, "enrollment"), text(ev, "trackedEntity")));
        return b;
    }

    private void enrollment(JsonNode en, String trackedEntity) {
        String uid = uidOf(en, "enrollment");
        enrollments.add(new Enrollment(enrollments.size(), uid, trackedEntity, text(en, "program"), text(en, "orgUnit"),
                en.hasNonNull("status") ? en.get("status").asText() : "ACTIVE", text(en, "enrolledAt"),
                text(en, "occurredAt"), values(en.path("attributes"), "attribute")));
        en.path("events").forEach(ev -> event(ev, uid, trackedEntity));
    }

    private void event(JsonNode ev, String enrollment, String trackedEntity) {
        events.add(new Event(events.size(), uidOf(ev, "event"), enrollment, trackedEntity, text(ev, "program"),
                text(ev, "programStage"), text(ev, "orgUnit"), ev.hasNonNull("status") ? ev.get("status").asText() : "ACTIVE",
                text(ev, "occurredAt"), text(ev, "scheduledAt"), values(ev.path("dataValues"), "dataElement")));
    }

    private static Map<String, String> values(JsonNode array, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode v : array) {
            out.put(v.path(key).asText(), v.hasNonNull("value") ? v.get("value").asText() : null);
        }
        return out;
    }

    private static String uidOf(JsonNode node, String field) {
        String uid = text(node, field);
        return uid == null || uid.isBlank() ? generateUid() : uid;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** A DHIS2 uid: 11 characters, a letter first, then letters and digits. */
    public static String generateUid() {
        StringBuilder sb = new StringBuilder(11).append(ALPHA.charAt(RANDOM.nextInt(ALPHA.length())));
        for (int i = 0; i < 10; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    public List<Entity> entities() {
        return entities;
    }

    public List<Enrollment> enrollments() {
        return enrollments;
    }

    public List<Event> events() {
        return events;
    }

    public int total() {
        return entities.size() + enrollments.size() + events.size();
    }
}
