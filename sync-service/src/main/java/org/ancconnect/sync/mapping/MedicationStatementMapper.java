package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A supplement data element (iron-folate, calcium...) as a MedicationStatement: "true" is a taken
 * medication ({@code active}), an explicit BOOLEAN "false" is {@code not-taken}, never an active one.
 */
final class MedicationStatementMapper {

    private MedicationStatementMapper() {
    }

    static void medication(MappingContext ctx, TrackedEntity.Event ev, String de, String raw, MappingFile.Target t,
            String patient, EncounterMapper.Visit visit) {
        boolean taken = ObservationMapper.bool(raw, ev.field() + ".dataValues[" + de + "]");
        ObjectNode ms = Fhir.resource("MedicationStatement", null);
        String system = ctx.system("event-data-value");
        ms.putArray("identifier").add(Fhir.identifier(system, ev.uid() + "/" + de));
        ms.put("status", taken ? "active" : "not-taken");
        ms.set("medicationCodeableConcept", ctx.mapping().concept(t.code()));
        ms.set("subject", ctx.bundle().reference(patient));
        ms.set("context", ctx.bundle().reference(visit.fullUrl()));
        ms.put("effectiveDateTime", visit.effective());
        ms.put("dateAsserted", visit.effective());
        ms.set("informationSource", ctx.bundle().reference(visit.practitioner()));
        ctx.bundle().put(ms, system, ev.uid() + "/" + de);
    }
}
