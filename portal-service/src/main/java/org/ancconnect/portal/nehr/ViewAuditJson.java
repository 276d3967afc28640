package org.ancconnect.portal.nehr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.InstantType;

/**
 * The JSON of a record view's AuditEvent, written directly: exactly the bytes HAPI's JSON parser writes for
 * {@link AuditEvents#view} of the same arguments (same elements, order, escaping; {@code ViewAuditJsonTest} compares
 * the two on random and hostile input), without HAPI's model walk. Every record view encodes one, and HAPI's encoder
 * (a terser pass for contained resources, then a generic child-by-child walk) cost ~0.4 ms of CPU per view, more than
 * a fifth of rendering the 40-visit page ({@code RecordPageRenderTest}). The AuditEvent model stays the definition;
 * this is its fast path for the one shape written on every view.
 */
public final class ViewAuditJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ViewAuditJson() {
    }

    /**
     * {@code AuditEvents.view(accessor, who, patient, purpose, reason, now)} with id {@code id}, as HAPI encodes it, where
     * {@code who} is the reference {@code whoReference} (displayed as the accessor's name) and {@code patient} is
     * {@code patientReference}.
     */
    public static byte[] view(String id, Accessor accessor, String whoReference, String patientReference, Purpose purpose, String reason,
            Date now) {
        // Into characters, then UTF-8, as HAPI does: Jackson's byte generator would escape characters outside the BMP.
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("resourceType", "AuditEvent");
            g.writeStringField("id", id);
            g.writeObjectFieldStart("type");
            coding(g, Systems.DICOM, "110110", "Patient Record");
            g.writeEndObject();
            g.writeArrayFieldStart("subtype");
            g.writeStartObject();
            coding(g, "http://hl7.org/fhir/restful-interaction", "read", "read");
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("action", "R");
            g.writeStringField("recorded", new InstantType(now).getValueAsString());
            g.writeStringField("outcome", "0");
            g.writeArrayFieldStart("purposeOfEvent");
            purpose(g, purpose, reason);
            g.writeEndArray();
            g.writeArrayFieldStart("agent");
            g.writeStartObject();
            if (present(accessor.role())) {
                g.writeArrayFieldStart("role");
                g.writeStartObject();
                g.writeStringField("text", accessor.role());
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeObjectFieldStart("who");
            g.writeStringField("reference", whoReference);
            if (present(accessor.name())) {
                g.writeStringField("display", accessor.name());
                g.writeEndObject();
                g.writeStringField("name", accessor.name());
            } else {
                g.writeEndObject();
            }
            g.writeBooleanField("requestor", true);
            g.writeArrayFieldStart("purposeOfUse");
            purpose(g, purpose, reason);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("source");
            g.writeStringField("site", AuditEvents.PORTAL);
            g.writeObjectFieldStart("observer");
            g.writeStringField("display", AuditEvents.PORTAL);
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("entity");
            g.writeStartObject();
            g.writeObjectFieldStart("what");
            g.writeStringField("reference", patientReference);
            g.writeEndObject();
            g.writeObjectFieldStart("type");
            coding(g, "http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person");
            g.writeEndObject();
            g.writeObjectFieldStart("role");
            coding(g, "http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("AuditEvent JSON", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void purpose(JsonGenerator g, Purpose purpose, String reason) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("coding");
        g.writeStartObject();
        coding(g, Systems.ACT_REASON, purpose.name(), purpose.display());
        g.writeEndObject();
        g.writeEndArray();
        if (present(reason)) {
            g.writeStringField("text", reason);
        }
        g.writeEndObject();
    }

    /** The fields of a Coding (inside an object the caller opened). */
    private static void coding(JsonGenerator g, String system, String code, String display) throws IOException {
        g.writeStringField("system", system);
        g.writeStringField("code", code);
        g.writeStringField("display", display);
    }

    /** HAPI leaves out a primitive whose value is null or blank. */
    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
