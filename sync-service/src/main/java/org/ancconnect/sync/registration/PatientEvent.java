package org.ancconnect.sync.registration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ancconnect.sync.mapping.MappingException;

/**
 * One {@code patient.registered|updated|merged} event of phn-service (the suite's patient event contract,
 * see phn-service's {@code PatientEvents}): the person's whole current state, not a diff. For a merge the
 * person is the survivor and {@code retiredPhns} lists the PHNs merged into it. Read strictly: anything
 * missing or malformed is a {@link MappingException} naming the field (a permanent failure).
 */
public record PatientEvent(String id, String type, Instant occurredAt, String phn, List<String> retiredPhns, String esignetSub,
        List<String> givenNames, String familyName, LocalDate birthDate, String sex, String phone, String address, String facility) {

    public static final String REGISTERED = "patient.registered";
    public static final String UPDATED = "patient.updated";
    public static final String MERGED = "patient.merged";
    private static final Set<String> TYPES = Set.of(REGISTERED, UPDATED, MERGED);
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");
    /** A DHIS2 org unit uid: a letter and ten letters or digits. */
    private static final String UID = "^[a-zA-Z][a-zA-Z0-9]{10}$";

    /** Parses a message body; {@code ceId} and {@code ceType} are the CloudEvents headers (the body's copies are checked against them). */
    public static PatientEvent parse(JsonNode body, String ceId, String ceType) {
        String id = ceId != null ? ceId : text(body, "eventId", true);
        String type = ceType != null ? ceType : text(body, "type", true);
        if (!TYPES.contains(type)) {
            throw new MappingException("ce-type", "not a patient event type: '" + type + "'");
        }
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(text(body, "occurredAt", true)).toInstant();
        } catch (DateTimeParseException e) {
            throw new MappingException("occurredAt", "not a date-time with offset");
        }
        String phn = text(body, "phn", true);
        if (MERGED.equals(type) && body.hasNonNull("survivorPhn") && !phn.equals(body.get("survivorPhn").asText())) {
            throw new MappingException("survivorPhn", "differs from phn (the payload of a merge is the survivor)");
        }
        List<String> retired = strings(body, "retiredPhns");
        if (MERGED.equals(type) && retired.isEmpty()) {
            throw new MappingException("retiredPhns", "a merge retires at least one PHN");
        }
        List<String> given = strings(body, "givenNames");
        given.removeIf(String::isBlank);
        if (given.isEmpty()) {
            throw new MappingException("givenNames", "missing");
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(text(body, "birthDate", true));
        } catch (DateTimeParseException e) {
            throw new MappingException("birthDate", "not a date");
        }
        String sex = text(body, "sex", true);
        if (!SEXES.contains(sex)) {
            throw new MappingException("sex", "not one of " + SEXES);
        }
        String facility = text(body, "facility", false);
        if (facility != null && !facility.matches(UID)) {
            throw new MappingException("facility", "not a DHIS2 org unit uid");
        }
        return new PatientEvent(id, type, occurredAt, phn, retired, text(body, "esignetSub", false), given,
                text(body, "familyName", true), birthDate, sex, text(body, "phone", false), address(body.path("address")), facility);
    }

    /** Given names then family name, as the DHIS2 "Full Name" attribute and the portal show it. */
    public String fullName() {
        return String.join(" ", givenNames) + " " + familyName;
    }

    /** The structured address as one line (DHIS2's "Home Address" is free text): line, city, district, postal code. */
    private static String address(JsonNode a) {
        List<String> parts = new ArrayList<>();
        for (String f : List.of("line", "city", "district", "postalCode")) {
            if (a.hasNonNull(f) && !a.get(f).asText().isBlank()) {
                parts.add(a.get(f).asText().trim());
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw new MappingException(field, "missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new MappingException(field, "not a value");
        }
        return v.asText().trim();
    }

    private static List<String> strings(JsonNode body, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = body.path(field);
        if (!v.isMissingNode() && !v.isNull() && !v.isArray()) {
            throw new MappingException(field, "not an array");
        }
        v.forEach(s -> out.add(s.asText()));
        return out;
    }
}
