package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An immunization history data element (rubella) as an Immunization reported at the visit: "true" is
 * a {@code completed} (reported, not administered here) immunization, "false" is {@code not-done}.
 */
final class ImmunizationMapper {

    private ImmunizationMapper() {
    }

    static void immunization(MappingContext ctx, TrackedEntity.Event ev, String de, String raw, MappingFile.Target t,
            String patient, EncounterMapper.Visit visit) {
        boolean done = ObservationMapper.bool(raw, ev.field() + ".dataValues[" + de + "]");
        ObjectNode im = Fhir.resource("Immunization", null);
        String system = ctx.system("event-data-value");
        im.putArray("identifier").add(Fhir.identifier(system, ev.uid() + "/" + de));
        im.put("status", done ? "completed" : "not-done");
        im.set("vaccineCode", ctx.mapping().concept(t.code()));
        im.set("patient", ctx.bundle().reference(patient));
        im.set("encounter", ctx.bundle().reference(visit.fullUrl()));
        // DHIS2 records only that the mother reports the vaccination, not when it was given.
        im.put("occurrenceString", "Reported at antenatal registration");
        im.put("recorded", visit.effective());
        im.put("primarySource", false);
        ctx.bundle().put(im, system, ev.uid() + "/" + de);
    }
}
