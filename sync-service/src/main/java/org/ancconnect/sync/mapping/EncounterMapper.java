package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A completed DHIS2 event as an NEHR {@code target-facility-encounter}: the visit, its period (with
 * the server's offset), the practitioner who recorded it (in the bundle), the facility.
 */
final class EncounterMapper {

    private static final ObjectNode AMBULATORY = Fhir.readOnly(Fhir.coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "AMB", "ambulatory"));

    private EncounterMapper() {
    }

    /**
     * The Encounter's fullUrl plus what the resources of the visit share: who recorded it, the facility, the
     * registration-system Device, the effective time, and the Observations' read-only performer list.
     */
    record Visit(String fullUrl, String practitioner, String organization, String device, String effective, ArrayNode performers) {
    }

    static Visit encounter(MappingContext ctx, TrackedEntity.Event ev, String patient) {
        if (ev.occurredAt() == null) {
            throw new MappingException(ev.field() + ".occurredAt", "missing on a " + ev.status() + " event");
        }
        MappingFile.Stage stage = ctx.mapping().stage(ev.programStage());
        if (stage == null || stage.encounter() == null) {
            throw new MappingException(ev.field() + ".programStage", "stage " + ev.programStage()
                    + " has no encounter type in the program's mapping file");
        }
        String practitioner = PractitionerMapper.practitioner(ctx, ev.performer(), ev.field());
        String organization = OrganizationMapper.facility(ctx, ev.orgUnit(), ev.field() + ".orgUnit");
        String location = LocationMapper.facility(ctx, ev.orgUnit(), ev.field() + ".orgUnit");
        ObjectNode enc = Fhir.resource("Encounter", "target-facility-encounter");
        String system = ctx.system("event");
        enc.putArray("identifier").add(Fhir.identifier(system, ev.uid()));
        enc.put("status", "finished");
        enc.set("class", AMBULATORY);
        enc.putArray("type").add(ctx.mapping().concept(stage.encounter()));
        enc.set("subject", ctx.bundle().reference(patient));
        enc.putArray("participant").addObject().set("individual", ctx.bundle().reference(practitioner));
        Instant end = ev.completedAt() != null && ev.completedAt().isAfter(ev.occurredAt()) ? ev.completedAt() : ev.occurredAt();
        String start = Fhir.dateTime(ev.occurredAt(), ctx.zone());
        enc.putObject("period").put("start", start).put("end", Fhir.dateTime(end, ctx.zone()));
        enc.putArray("location").addObject().set("location", ctx.bundle().reference(location));
        enc.set("serviceProvider", ctx.bundle().reference(organization));
        ArrayNode performers = Fhir.readOnlyArray(ctx.bundle().reference(practitioner), ctx.bundle().reference(organization));
        return new Visit(ctx.bundle().put(enc, system, ev.uid()), practitioner, organization, DeviceMapper.registrationSystem(ctx), start,
                performers);
    }
}
