package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;

/**
 * A scheduled DHIS2 event (status SCHEDULE or OVERDUE) as a booked Appointment; a SKIPPED one as a
 * cancelled Appointment. The slot length comes from the mapping file (clinic practice, not DHIS2).
 */
final class AppointmentMapper {

    private AppointmentMapper() {
    }

    static void appointment(MappingContext ctx, TrackedEntity.Event ev, String patient) {
        MappingFile.Stage stage = ctx.mapping().stage(ev.programStage());
        if (stage == null || stage.appointment() == null) {
            return;
        }
        if (ev.scheduledAt() == null) {
            throw new MappingException(ev.field() + ".scheduledAt", "missing on a " + ev.status() + " event");
        }
        String location = LocationMapper.facility(ctx, ev.orgUnit(), ev.field() + ".orgUnit");
        ObjectNode ap = Fhir.resource("Appointment", null);
        String system = ctx.system("event");
        ap.putArray("identifier").add(Fhir.identifier(system, ev.uid()));
        ap.put("status", "SKIPPED".equals(ev.status()) ? "cancelled" : "booked");
        ap.putArray("serviceType").add(ctx.mapping().concept(stage.appointment()));
        ap.put("start", Fhir.dateTime(ev.scheduledAt(), ctx.zone()));
        ap.put("end", Fhir.dateTime(ev.scheduledAt().plus(ctx.mapping().appointmentMinutes(), ChronoUnit.MINUTES), ctx.zone()));
        var participants = ap.putArray("participant");
        participants.addObject().put("status", "needs-action").set("actor", ctx.bundle().reference(patient));
        participants.addObject().put("status", "accepted").set("actor", ctx.bundle().reference(location));
        ctx.bundle().put(ap, system, ev.uid());
    }
}
