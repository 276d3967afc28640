package org.ancconnect.portal.clients;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ancconnect.portal.PortalConfig;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * identity-service sessions over the back channel, authenticated with the portal's client credential (HTTP Basic):
 * exchange the one-time sign-in code, refresh the access token of a session, end a session.
 */
@ApplicationScoped
public class SessionClient {

    private final IdentityRestClient rest;
    private final String basic;

    public SessionClient(@RestClient IdentityRestClient rest, PortalConfig config) {
        this.rest = rest;
        this.basic = "Basic " + Base64.getEncoder().encodeToString(
                (config.identityClientId() + ":" + config.identityClientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    public Uni<IdentityModels.SessionView> exchange(String code) {
        return rest.exchange(basic, new IdentityModels.CodeExchange(code));
    }

    /** A fresh token; fails with a 401 {@link BackendException} when the session was revoked or expired. */
    public Uni<IdentityModels.SessionView> refresh(String sessionId) {
        return rest.refresh(basic, new IdentityModels.SessionRef(sessionId));
    }

    public Uni<Void> logout(String sessionId) {
        return rest.logout(basic, new IdentityModels.SessionRef(sessionId));
    }
}
