package org.ancconnect.portal.phm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.SyncClient;
import org.ancconnect.portal.clients.SyncModels;
import org.ancconnect.portal.session.PortalUser;
import org.ancconnect.portal.session.RequireRole;
import org.jboss.logging.Logger;

/** The midwife's home: mothers registered at her facility, newest first, with their DHIS2 and NEHR sync status. */
@Path("/phm")
@RequireRole("PHM")
public class PhmHomeResource {

    private static final Logger LOG = Logger.getLogger(PhmHomeResource.class);

    /** A clinic list a phone can scroll; older registrations are on the next pages. */
    static final int PAGE_SIZE = 25;

    @CheckedTemplate
    static class Templates {
        /**
         * @param mothers this page of registrations
         * @param available false when sync-service could not be asked (the list is then empty, not misleading)
         */
        static native TemplateInstance home(List<SyncModels.Patient> mothers, boolean available, int page, boolean more);
    }

    private final PortalUser user;
    private final SyncClient sync;

    public PhmHomeResource(PortalUser user, SyncClient sync) {
        this.user = user;
        this.sync = sync;
    }

    @GET
    public TemplateInstance home(@QueryParam("page") @DefaultValue("1") int page) {
        int shown = Math.max(1, Math.min(page, 10_000));
        try {
            List<SyncModels.Patient> mothers = sync.patients(user, user.facility(), shown, PAGE_SIZE);
            return Templates.home(mothers, true, shown, mothers.size() == PAGE_SIZE);
        } catch (BackendException e) {
            LOG.warnf("Registrations list unavailable from sync-service (HTTP %d)", e.status());
            return Templates.home(List.of(), false, shown, false);
        }
    }
}
