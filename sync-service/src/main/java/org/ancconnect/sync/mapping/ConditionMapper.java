package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A yes/no history data element as an NEHR {@code medical-history} Condition: only a "true" creates
 * an active, confirmed Condition. A "false" creates nothing (and retracts one an earlier "true"
 * created), so a negative answer never reads as a diagnosis.
 */
final class ConditionMapper {

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
        c.set("clinicalStatus", Fhir.concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
        c.set("verificationStatus", Fhir.concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed",
                "Confirmed"));
        c.putArray("category").add(Fhir.concept("http://terminology.hl7.org/CodeSystem/condition-category",
                "problem-list-item", "Problem List Item"));
        c.set("code", Fhir.concept(t.code()));
        c.set("subject", Fhir.reference(patient));
        c.set("encounter", Fhir.reference(visit.fullUrl()));
        c.put("recordedDate", visit.effective());
        c.set("recorder", Fhir.reference(visit.practitioner()));
        c.set("asserter", Fhir.reference(visit.practitioner()));
        ctx.bundle().put(c, system, ev.uid() + "/" + de);
    }
}
