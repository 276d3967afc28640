package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A yes/no history data element as an NEHR {@code medical-history} Condition: only a "true" creates
 * an active, confirmed Condition. A "false" creates nothing (and retracts one an earlier "true"
 * created), so a negative answer never reads as a diagnosis.
 */
final class ConditionMapper {

    private static final ObjectNode ACTIVE = Fhir.readOnly(Fhir.concept("http://terminology.hl7.org/CodeSystem/condition-clinical",
            "active", "Active"));
    private static final ObjectNode CONFIRMED = Fhir.readOnly(Fhir.concept(
            "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"));
    private static final ArrayNode PROBLEM_LIST_ITEM = Fhir.readOnly(Fhir.array(Fhir.concept(
            "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));

    private ConditionMapper() {
    }

    static void condition(MappingContext ctx, TrackedEntity.Event ev, String de, String raw, MappingFile.Target t,
            String patient, EncounterMapper.Visit visit) {
        if (!ObservationMapper.bool(raw, ev.field() + ".dataValues[" + de + "]")) {
            return;
        }
        ObjectNode c = Fhir.resource("Condition", "medical-history");
        String system = ctx.system("event-data-value");
        c.putArray("identifier").add(Fhir.identifier(system, ev.uid() + "/" + de));
        c.set("clinicalStatus", ACTIVE);
        c.set("verificationStatus", CONFIRMED);
        c.set("category", PROBLEM_LIST_ITEM);
        c.set("code", ctx.mapping().concept(t.code()));
        c.set("subject", ctx.bundle().reference(patient));
        c.set("encounter", ctx.bundle().reference(visit.fullUrl()));
        c.put("recordedDate", visit.effective());
        c.set("recorder", ctx.bundle().reference(visit.practitioner()));
        c.set("asserter", ctx.bundle().reference(visit.practitioner()));
        ctx.bundle().put(c, system, ev.uid() + "/" + de);
    }
}
