package org.ancconnect.portal.doctor;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.ancconnect.portal.nehr.ConsultationWriter;
import org.ancconnect.portal.session.RequireRole;

/**
 * "Record a consultation": a form, then one NEHR transaction (Encounter + Observations + Provenance). Only while the
 * doctor may read her record (grant or break-glass), checked on the server for the form and for the POST.
 */
@Path("/doctor/patients/{phn}/consultation")
@RequireRole("DOCTOR")
public class ConsultationResource {

    /** Consultations are dated in clinic time (the NEHR IG wants every dateTime with its offset). */
    private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Colombo");

    @CheckedTemplate(basePath = "doctor")
    static class Templates {
        static native TemplateInstance consultation(String phn, ConsultationForm form);
    }

    private final DoctorAccess access;
    private final ConsultationWriter writer;
    private final Clock clock = Clock.systemUTC();

    ConsultationResource(DoctorAccess access, ConsultationWriter writer) {
        this.access = access;
        this.writer = writer;
    }

    @GET
    public Object form(@PathParam("phn") String phn) {
        if (!allowed(phn, clock.instant())) {
            return Response.seeOther(URI.create("/doctor/patients/" + phn)).build();
        }
        return Templates.consultation(phn, ConsultationForm.blank());
    }

    @POST
    public Object record(@PathParam("phn") String phn, @FormParam("key") String key, @FormParam("systolic") String systolic,
            @FormParam("diastolic") String diastolic, @FormParam("fundalHeight") String fundalHeight,
            @FormParam("gestationalAge") String gestationalAge, @FormParam("findings") String findings) {
        Instant now = clock.instant();
        if (!allowed(phn, now)) {
            return Response.seeOther(URI.create("/doctor/patients/" + phn)).build();
        }
        ConsultationForm form = ConsultationForm.of(key, systolic, diastolic, fundalHeight, gestationalAge, findings,
                access.config().maxTextLength());
        if (!form.problems().isEmpty()) {
            return Response.status(400).entity(Templates.consultation(phn, form)).build();
        }
        writer.record(access.doctor(), phn, form.consultation(), now, CLINIC_ZONE).await().indefinitely();
        return Response.seeOther(URI.create("/doctor/patients/" + phn + "?saved=true")).build();
    }

    private boolean allowed(String phn, Instant now) {
        return access.check(phn, now).allowed(now);
    }
}
