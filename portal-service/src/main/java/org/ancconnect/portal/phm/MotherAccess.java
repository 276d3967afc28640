package org.ancconnect.portal.phm;

import org.ancconnect.portal.nehr.Systems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.ancconnect.portal.clients.BackendException;
import org.ancconnect.portal.clients.PhnClient;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.clients.SyncClient;
import org.ancconnect.portal.clients.SyncModels;
import org.ancconnect.portal.session.PortalUser;

/**
 * A mother as her midwife may see her: the PHN record and her sync status, only when she is registered at the
 * midwife's own facility (the DHIS2 org unit of her enrolment, else the facility of her PHN registration). Another
 * facility's midwife is refused, whatever URL she types.
 */
@ApplicationScoped
public class MotherAccess {

    /** @param sync null until sync-service has seen her registration */
    public record Mother(PhnModels.Person person, SyncModels.Patient sync) {
    }

    private final PhnClient phn;
    private final SyncClient syncClient;

    public MotherAccess(PhnClient phn, SyncClient syncClient) {
        this.phn = phn;
        this.syncClient = syncClient;
    }

    public Mother load(PortalUser midwife, String phnText) {
        PhnModels.Person person;
        try {
            person = phn.person(midwife, phnText);
        } catch (BackendException e) {
            if (e.status() == 400 || e.status() == 404) {
                throw new NotFoundException();
            }
            throw e;
        }
        SyncModels.Patient sync = null;
        try {
            sync = syncClient.patient(midwife, Systems.phnValue(person.phn()));
        } catch (BackendException e) {
            if (e.status() == 403) {
                throw new ForbiddenException();
            }
            if (e.status() != 404) {
                throw e;
            }
        }
        String facility = sync != null && sync.orgUnit() != null ? sync.orgUnit() : person.facility();
        if (facility == null || !facility.equals(midwife.facility())) {
            throw new ForbiddenException();
        }
        return new Mother(person, sync);
    }
}
