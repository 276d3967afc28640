package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Data values as NEHR Observations: a {@code generic-observation} per mapped data element (encounter,
 * effective time, performer and device set), and blood pressure as one {@code blood-pressure} LOINC
 * 85354-9 panel with systolic/diastolic components in mm[Hg].
 */
final class ObservationMapper {

    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String LOINC = "http://loinc.org";
    /** The {@code category} of a generic observation per code of the FHIR observation-category code system (all of it). */
    private static final Map<String, ArrayNode> CATEGORIES = Stream.of("social-history", "vital-signs", "imaging", "laboratory",
            "procedure", "survey", "exam", "therapy", "activity").collect(Collectors.toUnmodifiableMap(c -> c, ObservationMapper::category));
    private static final ArrayNode VITAL_SIGNS = Fhir.readOnly(Fhir.array(Fhir.concept(CATEGORY, "vital-signs", "Vital Signs")));
    private static final ObjectNode PANEL = Fhir.readOnly(Fhir.concept(LOINC, "85354-9", "Blood pressure panel with all children optional")
            .put("text", "Blood Pressure"));
    private static final ObjectNode SYSTOLIC = component("8480-6", "Systolic blood pressure");
    private static final ObjectNode DIASTOLIC = component("8462-4", "Diastolic blood pressure");
    private static final ObjectNode NOT_PERFORMED = Fhir.readOnly(Fhir.concept(
            "http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed"));

    private ObservationMapper() {
    }

    static void observation(MappingContext ctx, TrackedEntity.Event ev, String de, String raw, MappingFile.Target t,
            String patient, EncounterMapper.Visit visit) {
        ObjectNode obs = Fhir.resource("Observation", "generic-observation");
        String system = ctx.system("event-data-value");
        obs.putArray("identifier").add(Fhir.identifier(system, ev.uid() + "/" + de));
        obs.put("status", "final");
        ArrayNode category = CATEGORIES.get(t.category());
        obs.set("category", category != null ? category : category(t.category()));
        obs.set("code", ctx.mapping().concept(t.code()));
        references(obs, patient, visit, ctx);
        String field = ev.field() + ".dataValues[" + de + "]";
        switch (t.value()) {
            case "integer" -> obs.put("valueInteger", integer(raw, field));
            case "quantity" -> obs.putObject("valueQuantity").put("value", decimal(raw, field))
                    .put("unit", t.unit().display()).put("system", Fhir.UCUM).put("code", t.unit().code());
            case "boolean" -> obs.put("valueBoolean", bool(raw, field));
            case "dateTime" -> obs.put("valueDateTime", date(raw, field));
            default -> obs.put("valueString", raw);
        }
        ctx.bundle().put(obs, system, ev.uid() + "/" + de);
    }

    static void bloodPressure(MappingContext ctx, TrackedEntity.Event ev, String patient, EncounterMapper.Visit visit) {
        String sys = ev.dataValues().get(ctx.mapping().systolic());
        String dia = ev.dataValues().get(ctx.mapping().diastolic());
        if (sys == null && dia == null) {
            return;
        }
        ObjectNode obs = Fhir.resource("Observation", "blood-pressure");
        obs.putArray("identifier").add(Fhir.identifier(ctx.system("event-data-value"), ev.uid() + "/blood-pressure"));
        obs.put("status", "final");
        obs.set("category", VITAL_SIGNS);
        obs.set("code", PANEL);
        references(obs, patient, visit, ctx);
        var components = obs.putArray("component");
        components.add(component(SYSTOLIC, sys, ev.field() + ".dataValues[" + ctx.mapping().systolic() + "]"));
        components.add(component(DIASTOLIC, dia, ev.field() + ".dataValues[" + ctx.mapping().diastolic() + "]"));
        ctx.bundle().put(obs, ctx.system("event-data-value"), ev.uid() + "/blood-pressure");
    }

    private static ArrayNode category(String code) {
        return Fhir.readOnly(Fhir.array(Fhir.concept(CATEGORY, code, null)));
    }

    /** The read-only {@code code} of a blood-pressure component. */
    private static ObjectNode component(String loinc, String text) {
        return Fhir.readOnly(Fhir.concept(LOINC, loinc, text).put("text", text));
    }

    private static ObjectNode component(ObjectNode code, String raw, String field) {
        ObjectNode c = Fhir.JSON.objectNode();
        c.set("code", code);
        if (raw == null) {
            // One of the pair was not measured: say so rather than drop the panel (core bp profile allows it).
            c.set("dataAbsentReason", NOT_PERFORMED);
        } else {
            c.putObject("valueQuantity").put("value", decimal(raw, field)).put("unit", "mmHg").put("system", Fhir.UCUM)
                    .put("code", "mm[Hg]");
        }
        return c;
    }

    /** Subject, encounter, effective time, performers (practitioner and facility) and the registration-system device. */
    private static void references(ObjectNode obs, String patient, EncounterMapper.Visit visit, MappingContext ctx) {
        obs.set("subject", ctx.bundle().reference(patient));
        obs.set("encounter", ctx.bundle().reference(visit.fullUrl()));
        obs.put("effectiveDateTime", visit.effective());
        obs.set("performer", visit.performers());
        obs.set("device", ctx.bundle().reference(visit.device()));
    }

    static long integer(String raw, String field) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new MappingException(field, "not an integer: '" + raw + "'");
        }
    }

    static BigDecimal decimal(String raw, String field) {
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw new MappingException(field, "not a number: '" + raw + "'");
        }
    }

    static boolean bool(String raw, String field) {
        return switch (raw.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new MappingException(field, "not a boolean: '" + raw + "'");
        };
    }

    static String date(String raw, String field) {
        try {
            return LocalDate.parse(raw.trim().length() > 10 ? raw.trim().substring(0, 10) : raw.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new MappingException(field, "not a date: '" + raw + "'");
        }
    }
}
