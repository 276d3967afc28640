package org.ancconnect.portal.patient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.ancconnect.portal.nehr.AccessEntry;
import org.ancconnect.portal.nehr.Accessor;
import org.ancconnect.portal.nehr.BpChart;
import org.ancconnect.portal.nehr.MotherRecord;
import org.ancconnect.portal.nehr.Purpose;
import org.ancconnect.portal.nehr.RecordService;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/**
 * The mother's own portal. Her PHN comes only from her session (never from the URL or a form), so no request can name
 * another mother's record. Her own views are audited like anyone's (purpose PATRQT), before the page renders.
 */
@Path("/me")
@RequireRole("PATIENT")
public class PatientResource {

    /** The access log shows the latest 100 accesses: a year of fortnightly visits with a few readers each. */
    private static final int ACCESS_LOG_SIZE = 100;

    @CheckedTemplate(basePath = "patient")
    static class Templates {
        static native TemplateInstance home(String phn, MotherRecord record, BpChart chart);

        static native TemplateInstance nophn();

        static native TemplateInstance notyet(String phn);

        static native TemplateInstance access(List<AccessEntry> entries);
    }

    private final PortalUser user;
    private final RecordService records;

    PatientResource(PortalUser user, RecordService records) {
        this.user = user;
        this.records = records;
    }

    @GET
    public TemplateInstance home() {
        String phn = user.phn();
        if (phn == null || phn.isBlank()) {
            return Templates.nophn();
        }
        MotherRecord r = records.view(Accessor.patient(phn, user.name()), phn, Purpose.PATRQT, null).await().indefinitely();
        if (r == null) {
            return Templates.notyet(phn);
        }
        return Templates.home(phn, r, BpChart.of(r.bloodPressure()));
    }

    /** Who accessed her record and when, break-glass accesses highlighted (the log itself is not her clinical record). */
    @GET
    @Path("access")
    public TemplateInstance access() {
        String phn = user.phn();
        if (phn == null || phn.isBlank()) {
            return Templates.nophn();
        }
        return Templates.access(records.accessLog(phn, ACCESS_LOG_SIZE).await().indefinitely());
    }
}
