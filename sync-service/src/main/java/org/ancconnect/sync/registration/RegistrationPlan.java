package org.ancconnect.sync.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ancconnect.sync.mapping.MappingException;
import org.ancconnect.sync.mapping.ProgramMapping;

/**
 * What a patient event writes to DHIS2: the tracked entity (the one already carrying the PHN, else a new
 * one) and its enrollment in the program, as one nested CREATE_AND_UPDATE import. Attributes are bound by
 * the program's mapping file (never by uids in code) and sent on the enrollment, where DHIS2 accepts every
 * program attribute; an optional value (phone, eSignet sub, address) the event no longer carries is sent with a
 * null value, which is how DHIS2 deletes it. New uids are derived from the PHN (tracked entity) and the event id (enrollment), so
 * a retried or redelivered event writes the same objects again instead of new ones. Pure: no I/O.
 *
 * <p>Enrollment rule: {@code patient.registered} needs an ACTIVE enrollment (a new pregnancy is enrolled
 * at the event's facility); {@code updated} and {@code merged} update the newest enrollment and create one
 * only when the mother has none in the program.
 */
public record RegistrationPlan(String trackedEntity, String enrollment, String orgUnit, boolean created, Map<String, String> attributes,
        ObjectNode payload) {

    private static final DateTimeFormatter DHIS2 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = LETTERS + "0123456789";

    /**
     * Plans the import. {@code found}: the tracked entities DHIS2 returned for the PHN (with enrollments);
     * {@code trackedEntityType}: the program's; {@code zone}: DHIS2's server zone (zone-less timestamps).
     */
    public static RegistrationPlan of(PatientEvent e, ProgramMapping m, String trackedEntityType, List<JsonNode> found, ZoneId zone) {
        Map<String, String> attributes = attributes(e, m);
        JsonNode existing = found.isEmpty() ? null : chooseEntity(found, m.program());
        String te = existing == null ? uid("tracked-entity|" + e.phn()) : existing.path("trackedEntity").asText();
        String teOrgUnit = existing == null ? e.facility() : existing.path("orgUnit").asText();
        JsonNode enrollment = existing == null ? null : chooseEnrollment(existing, m.program(), PatientEvent.REGISTERED.equals(e.type()));
        if (teOrgUnit == null || (enrollment == null && e.facility() == null)) {
            throw new MappingException("facility", "missing: a new DHIS2 tracked entity or enrollment needs the registering org unit");
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ObjectNode t = payload.putArray("trackedEntities").addObject();
        t.put("trackedEntity", te).put("trackedEntityType", trackedEntityType).put("orgUnit", teOrgUnit);
        ObjectNode en = t.putArray("enrollments").addObject();
        String enrollmentUid;
        String orgUnit;
        if (enrollment == null) {
            enrollmentUid = uid("enrollment|" + e.id());
            orgUnit = e.facility();
            String at = DHIS2.format(e.occurredAt().atZone(zone));
            en.put("enrollment", enrollmentUid).put("program", m.program()).put("orgUnit", orgUnit).put("status", "ACTIVE")
                    .put("enrolledAt", at).put("occurredAt", at);
        } else {
            enrollmentUid = enrollment.path("enrollment").asText();
            orgUnit = enrollment.path("orgUnit").asText();
            en.put("enrollment", enrollmentUid).put("program", m.program()).put("orgUnit", orgUnit)
                    .put("status", enrollment.path("status").asText()).put("enrolledAt", enrollment.path("enrolledAt").asText());
        }
        en.put("trackedEntity", te);
        ArrayNode values = en.putArray("attributes");
        attributes.forEach((uid, value) -> values.addObject().put("attribute", uid).put("value", value));
        if (existing != null) {
            // Events carry the whole person: an optional value the event no longer has was removed in phn-service. DHIS2
            // deletes an attribute value sent with a null (or empty) value; only present values would never remove it.
            for (String uid : removable(e, m)) {
                values.addObject().put("attribute", uid).putNull("value");
            }
        }
        return new RegistrationPlan(te, enrollmentUid, orgUnit, existing == null, attributes, payload);
    }

    /** The import that moves a retired PHN's tracked entity onto the survivor's PHN (its visits then sync to the survivor). */
    public static ObjectNode repoint(JsonNode retiredEntity, ProgramMapping m, String trackedEntityType, String survivorPhn) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        String te = retiredEntity.path("trackedEntity").asText();
        ObjectNode t = payload.putArray("trackedEntities").addObject();
        t.put("trackedEntity", te).put("trackedEntityType", trackedEntityType).put("orgUnit", retiredEntity.path("orgUnit").asText());
        JsonNode enrollment = chooseEnrollment(retiredEntity, m.program(), false);
        if (enrollment == null) {
            t.putArray("attributes").addObject().put("attribute", m.patient("phn").uid()).put("value", survivorPhn);
            return payload;
        }
        ObjectNode en = t.putArray("enrollments").addObject();
        en.put("enrollment", enrollment.path("enrollment").asText()).put("program", m.program()).put("trackedEntity", te)
                .put("orgUnit", enrollment.path("orgUnit").asText()).put("status", enrollment.path("status").asText())
                .put("enrolledAt", enrollment.path("enrolledAt").asText());
        en.putArray("attributes").addObject().put("attribute", m.patient("phn").uid()).put("value", survivorPhn);
        return payload;
    }

    private static Map<String, String> attributes(PatientEvent e, ProgramMapping m) {
        Map<String, String> a = new LinkedHashMap<>();
        put(a, m, "phn", e.phn());
        put(a, m, "fullName", e.fullName());
        put(a, m, "birthDate", e.birthDate().toString());
        ProgramMapping.AttributeRef gender = m.patient("gender");
        // The mapping's value table says how DHIS2 spells each FHIR gender (e.g. "Female" -> female): read it backwards.
        gender.values().entrySet().stream().filter(v -> v.getValue().equals(e.sex())).findFirst()
                .ifPresent(v -> a.put(gender.uid(), v.getKey()));
        put(a, m, "phone", e.phone());
        put(a, m, "esignetSub", e.esignetSub());
        put(a, m, "address", e.address());
        return a;
    }

    /** The optional attributes (phone, eSignet sub, address) the event has no value for. */
    private static List<String> removable(PatientEvent e, ProgramMapping m) {
        List<String> uids = new java.util.ArrayList<>();
        Map<String, String> optional = new LinkedHashMap<>();
        optional.put("phone", e.phone());
        optional.put("esignetSub", e.esignetSub());
        optional.put("address", e.address());
        optional.forEach((field, value) -> {
            ProgramMapping.AttributeRef ref = m.patient(field);
            if (ref != null && value == null) {
                uids.add(ref.uid());
            }
        });
        return uids;
    }

    private static void put(Map<String, String> a, ProgramMapping m, String field, String value) {
        ProgramMapping.AttributeRef ref = m.patient(field);
        if (ref != null && value != null) {
            a.put(ref.uid(), value);
        }
    }

    /** The mother's tracked entity when several carry the PHN: the one with an ACTIVE enrollment, else the first. */
    private static JsonNode chooseEntity(List<JsonNode> found, String program) {
        for (JsonNode te : found) {
            for (JsonNode en : te.path("enrollments")) {
                if (program.equals(en.path("program").asText()) && "ACTIVE".equals(en.path("status").asText())) {
                    return te;
                }
            }
        }
        return found.get(0);
    }

    private static JsonNode chooseEnrollment(JsonNode te, String program, boolean activeOnly) {
        JsonNode newest = null;
        for (JsonNode en : te.path("enrollments")) {
            if (!program.equals(en.path("program").asText()) || en.path("deleted").asBoolean(false)) {
                continue;
            }
            if ("ACTIVE".equals(en.path("status").asText())) {
                return en;
            }
            if (newest == null || en.path("enrolledAt").asText().compareTo(newest.path("enrolledAt").asText()) > 0) {
                newest = en;
            }
        }
        return activeOnly ? null : newest;
    }

    /** A DHIS2 uid (a letter, then ten letters or digits) derived from a key: the same key, the same uid. */
    static String uid(String key) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
        StringBuilder sb = new StringBuilder(11).append(LETTERS.charAt((h[0] & 0xff) % LETTERS.length()));
        for (int i = 1; i < 11; i++) {
            sb.append(ALNUM.charAt((h[i] & 0xff) % ALNUM.length()));
        }
        return sb.toString();
    }
}
