package org.ancconnect.identity.esignet;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.identity.IdentityConfig;

/**
 * Pushed authorization requests (RFC 9126) whenever eSignet's discovery advertises a
 * {@code pushed_authorization_request_endpoint}: the authorize parameters (claims, ACRs, nonce, PKCE challenge) go
 * to eSignet over the back channel with our {@code private_key_jwt}, and the browser carries only {@code client_id}
 * and {@code request_uri}. quarkus-oidc pushes when the provider says {@code require_pushed_authorization_requests};
 * a fixed {@code par.enabled=true} would instead fail against a deployment without PAR. So this filter reads the
 * discovery response and marks PAR required exactly when the endpoint is there. It sees every tenant's discovery; only
 * eSignet's advertises PAR (the internal issuer's does not). Unremovable: quarkus-oidc looks filters up, never injects them.
 */
@ApplicationScoped
@OidcEndpoint(OidcEndpoint.Type.DISCOVERY)
@Unremovable
public class PushedAuthorizationWhenAdvertised implements OidcResponseFilter {

    static final String ENDPOINT = "pushed_authorization_request_endpoint";
    static final String REQUIRED = "require_pushed_authorization_requests";

    private final boolean enabled;

    public PushedAuthorizationWhenAdvertised(IdentityConfig config) {
        this.enabled = config.esignet().pushedAuthorizationRequests();
    }

    @Override
    public void filter(OidcResponseContext context) {
        if (!enabled || context.statusCode() != 200 || context.responseBody() == null) {
            return;
        }
        JsonObject discovery = context.responseBody().toJsonObject();
        if (discovery.getString(ENDPOINT) != null && !discovery.getBoolean(REQUIRED, false)) {
            context.responseBody(Buffer.buffer(discovery.put(REQUIRED, true).encode()));
        }
    }
}
