package org.ancconnect.portal.doctor;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.nehr.Access;
import org.ancconnect.portal.nehr.BpChart;
import org.ancconnect.portal.nehr.MotherRecord;
import org.ancconnect.portal.nehr.Purpose;
import org.ancconnect.portal.nehr.RecordService;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/**
 * The doctor portal: search by PHN, then her record, which needs a live access grant or break-glass access (checked
 * here, on the server, for every request). Without one the doctor sees only the grant page. Every record view is
 * audited by {@link RecordService#view} before the page renders.
 */
@Path("/doctor")
@RequireRole("DOCTOR")
public class DoctorResource {

    @CheckedTemplate(basePath = "doctor")
    static class Templates {
        static native TemplateInstance search(String phn, String problem, boolean checkDigit);

        static native TemplateInstance grant(String phn, String problem, boolean breakGlassProblem, String reason, int minReason);

        static native TemplateInstance unknown(String phn);

        static native TemplateInstance handover(String phn, String verificationUrl);

        static native TemplateInstance record(String phn, MotherRecord record, BpChart chart, Access access, boolean breakGlass,
                boolean saved);
    }

    private final PortalUser user;
    private final PhnClient phn;
    private final DoctorAccess access;
    private final RecordService records;
    private final Clock clock = Clock.systemUTC();

    DoctorResource(PortalUser user, PhnClient phn, DoctorAccess access, RecordService records) {
        this.user = user;
        this.phn = phn;
        this.access = access;
        this.records = records;
    }

    @GET
    public TemplateInstance home() {
        return Templates.search("", null, false);
    }

    /** Validates the PHN at phn-service (a check-digit failure explains itself) and opens her page by canonical PHN. */
    @GET
    @Path("search")
    public Object search(@QueryParam("phn") String input) {
        String typed = input == null ? "" : input.strip();
        if (typed.isEmpty()) {
            return Templates.search("", "required", false);
        }
        try {
            PhnModels.Person person = phn.person(user, typed);
            return Response.seeOther(URI.create("/doctor/patients/" + person.phn())).build();
        } catch (BackendException e) {
            if (e.status() == 400) {
                boolean checkDigit = e.violations().stream().anyMatch(v -> v.message() != null && v.message().contains("check digit"));
                return Templates.search(typed, "invalid", checkDigit);
            }
            if (e.status() == 404) {
                return Templates.search(typed, "unknown", false);
            }
            throw e;
        }
    }

    /** Her record when the doctor may read it (audited), else the grant page; nothing of the record otherwise. */
    @GET
    @Path("patients/{phn}")
    public TemplateInstance patient(@PathParam("phn") String phn, @QueryParam("saved") boolean saved) {
        Instant now = clock.instant();
        Access a = access.check(phn, now);
        if (!a.known()) {
            return Templates.unknown(phn);
        }
        if (!a.allowed(now)) {
            return Templates.grant(phn, null, false, "", access.config().breakGlassReasonMinLength());
        }
        boolean btg = !a.granted(now);
        MotherRecord r = records.view(access.doctor(), phn, btg ? Purpose.BTG : Purpose.TREAT, btg ? a.breakGlassReason() : null)
                .await().indefinitely();
        if (r == null) {
            return Templates.unknown(phn);
        }
        return Templates.record(phn, r, BpChart.of(r.bloodPressure()), a, btg, saved);
    }

    /**
     * Starts her eSignet verification and shows the hand-over page: she follows its link on this device and comes back
     * to {@link #verified}. A link, not a redirect of this POST: the CSP's form-action would block a form submission
     * redirected on to eSignet's origin.
     */
    @POST
    @Path("patients/{phn}/grant")
    public TemplateInstance startGrant(@PathParam("phn") String phn) {
        return Templates.handover(phn, access.startVerification(phn));
    }

    /** Back from eSignet: collect her verification once, check it is her, and record the grant as a Consent. */
    @GET
    @Path("patients/{phn}/grant/done")
    public Object verified(@PathParam("phn") String phn, @QueryParam("verification") String verification,
            @QueryParam("error") String error) {
        if (error != null || verification == null) {
            return Templates.grant(phn, "declined", false, "", access.config().breakGlassReasonMinLength());
        }
        GrantVerification.Outcome outcome = access.grant(phn, verification, clock.instant());
        if (!outcome.granted()) {
            return Templates.grant(phn, outcome == GrantVerification.Outcome.SUBJECT_MISMATCH ? "mismatch" : "demographics", false, "",
                    access.config().breakGlassReasonMinLength());
        }
        return Response.seeOther(URI.create("/doctor/patients/" + phn)).build();
    }

    /** Emergency access without her grant: a reason is mandatory; the access is flagged everywhere. */
    @POST
    @Path("patients/{phn}/break-glass")
    public Object breakGlass(@PathParam("phn") String phn, @FormParam("reason") String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() < access.config().breakGlassReasonMinLength() || text.length() > access.config().maxTextLength()) {
            return Response.status(400).entity(Templates.grant(phn, null, true, text, access.config().breakGlassReasonMinLength()))
                    .build();
        }
        access.breakGlass(phn, text, clock.instant());
        return Response.seeOther(URI.create("/doctor/patients/" + phn)).build();
    }
}
