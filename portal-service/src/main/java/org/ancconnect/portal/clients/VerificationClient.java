package org.ancconnect.portal.clients;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.ancconnect.portal.session.PortalUser;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Patient verification at identity-service, on behalf of the signed-in staff member (PHM or DOCTOR): start one
 * (the browser then goes to {@code verificationUrl} and comes back to {@code returnUrl?verification=<id>}), and
 * collect the verified record once. Blocking: call it from a page method (worker thread).
 */
@ApplicationScoped
public class VerificationClient {

    private final IdentityRestClient rest;

    public VerificationClient(@RestClient IdentityRestClient rest) {
        this.rest = rest;
    }

    /**
     * @param purpose why the patient verifies (shown in her consent and the audit), e.g. {@code registration}
     * @param returnUrl absolute portal URL the browser comes back to
     */
    public IdentityModels.VerificationCreated start(PortalUser user, String purpose, String returnUrl) {
        return rest.startVerification(user.bearer(), new IdentityModels.NewVerification(purpose, returnUrl));
    }

    /** The verified record; 403 for another staff member, 410 expired, 409 already collected (as BackendException). */
    public IdentityModels.VerificationRecord collect(PortalUser user, UUID id) {
        return rest.collectVerification(user.bearer(), id);
    }
}
