package org.ancconnect.portal.clients;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.ancconnect.portal.session.PortalUser;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** identity-service's staff directory (ADMIN token). */
@ApplicationScoped
public class StaffClient {

    private final IdentityRestClient rest;

    public StaffClient(@RestClient IdentityRestClient rest) {
        this.rest = rest;
    }

    public List<IdentityModels.StaffView> list(PortalUser admin) {
        return rest.listStaff(admin.bearer());
    }

    /** The new entry with its enrolment code, which identity-service shows this once only. */
    public IdentityModels.StaffView create(PortalUser admin, IdentityModels.NewStaff staff) {
        return rest.createStaff(admin.bearer(), staff);
    }

    public IdentityModels.StaffView update(PortalUser admin, UUID id, IdentityModels.StaffUpdate update) {
        return rest.updateStaff(admin.bearer(), id, update);
    }

    public IdentityModels.StaffView deactivate(PortalUser admin, UUID id) {
        return rest.deactivateStaff(admin.bearer(), id);
    }
}
