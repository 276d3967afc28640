package org.ancconnect.portal.doctor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.clients.VerificationClient;
import org.ancconnect.portal.nehr.Access;
import org.ancconnect.portal.nehr.AccessGrants;
import org.ancconnect.portal.nehr.Accessor;
import org.jboss.logging.Logger;

/**
 * The signed-in doctor's access to one mother's record: the check, her eSignet verification turned into a grant,
 * and break-glass. Blocking (page methods run on worker threads); the NEHR calls have their own deadlines.
 */
@RequestScoped
public class DoctorAccess {

    private static final Logger LOG = Logger.getLogger(DoctorAccess.class);

    private final org.ancconnect.portal.session.PortalUser user;
    private final AccessGrants grants;
    private final VerificationClient verifications;
    private final DoctorConfig config;
    private final PortalConfig portal;

    DoctorAccess(org.ancconnect.portal.session.PortalUser user, AccessGrants grants, VerificationClient verifications,
            DoctorConfig config, PortalConfig portal) {
        this.user = user;
        this.grants = grants;
        this.verifications = verifications;
        this.config = config;
        this.portal = portal;
    }

    DoctorConfig config() {
        return config;
    }

    Accessor doctor() {
        return Accessor.staff(user.subject(), user.name(), "DOCTOR");
    }

    Access check(String phn, Instant now) {
        return grants.check(doctor(), phn, config.breakGlassWindow(), now).await().indefinitely();
    }

    /** The eSignet verification URL for her; she returns to the grant page of this PHN. */
    String startVerification(String phn) {
        String back = portal.publicUrl() + "/doctor/patients/" + URLEncoder.encode(phn, StandardCharsets.UTF_8).replace("+", "%20")
                + "/grant/done";
        return verifications.start(user, config.verificationPurpose(), back).verificationUrl();
    }

    /** Collects the verification (once), decides whether it is her, and if so records the grant. */
    GrantVerification.Outcome grant(String phn, String verification, Instant now) {
        UUID id;
        try {
            id = UUID.fromString(verification);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        Access access = check(phn, now);
        if (!access.known()) {
            throw new NotFoundException();
        }
        IdentityModels.VerificationRecord verified = verifications.collect(user, id);
        GrantVerification.Outcome outcome = GrantVerification.decide(verified, access);
        LOG.infof("Doctor access verification %s: %s", id, outcome);
        if (outcome.granted()) {
            Instant verifiedAt = verified.verifiedAt() == null ? now : verified.verifiedAt().toInstant();
            grants.grant(doctor(), phn, id.toString(), verifiedAt, config.grantDuration(), now).await().indefinitely();
        }
        return outcome;
    }

    void breakGlass(String phn, String reason, Instant now) {
        if (!check(phn, now).known()) {
            throw new NotFoundException();
        }
        grants.breakGlass(doctor(), phn, reason, now).await().indefinitely();
        LOG.info("Break-glass access opened by a doctor");
    }
}
