package org.ancconnect.portal.phm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;

/** A mother's page for her midwife: PHN, assurance, sync status, health card, record a visit; also the confirmation. */
@Path("/phm/mothers/{phn}")
@RequireRole("PHM")
public class MotherResource {

    @CheckedTemplate
    static class Templates {
        /**
         * @param registered the registration outcome when arriving from the registration, else null
         * @param visit "recorded" after a visit was recorded
         */
        static native TemplateInstance mother(MotherAccess.Mother mother, String registered, String visit);
    }

    private final PortalUser user;
    private final MotherAccess access;

    public MotherResource(PortalUser user, MotherAccess access) {
        this.user = user;
        this.access = access;
    }

    @GET
    public TemplateInstance show(@PathParam("phn") String phn, @QueryParam("registered") String registered,
            @QueryParam("visit") String visit) {
        String outcome = registered != null && registered.matches("[A-Z_]{1,40}") ? registered : null;
        return Templates.mother(access.load(user, phn), outcome, "recorded".equals(visit) ? visit : null);
    }
}
