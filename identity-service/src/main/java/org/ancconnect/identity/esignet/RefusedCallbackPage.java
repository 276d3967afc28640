package org.ancconnect.identity.esignet;

import io.quarkus.resteasy.reactive.server.runtime.exceptionmappers.AuthenticationFailedExceptionMapper;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A callback that quarkus-oidc refuses (state, PKCE, code redemption, a client assertion eSignet will not accept, ID
 * token checks) shows the same refusal page as identity-service's own checks (HTTP 403, reason {@code oidc}) instead
 * of a bare 401: the person learns the sign-in failed and what to do. Everywhere else (bearer tokens on the APIs) the
 * failure keeps Quarkus's own answer, the 401 (with its challenge). The failure stays on the request for the
 * authentication-failure event that {@code RejectedCallbackAudit} audits.
 */
public class RefusedCallbackPage {

    private static final AuthenticationFailedExceptionMapper CHALLENGE = new AuthenticationFailedExceptionMapper();

    private final FlowPages pages;

    public RefusedCallbackPage(FlowPages pages) {
        this.pages = pages;
    }

    /** State, nonce or ID token refused. */
    @ServerExceptionMapper
    public Uni<Response> refused(RoutingContext context, AuthenticationFailedException failure) {
        if (!isCallback(context)) {
            return CHALLENGE.handle(context, failure);
        }
        HttpSecurityUtils.addAuthenticationFailureToEvent(failure, context);
        return Uni.createFrom().item(page());
    }

    /** The code could not be redeemed: eSignet refused the token request (replayed code or client assertion, PKCE). */
    @ServerExceptionMapper
    public Response notCompleted(RoutingContext context, AuthenticationCompletionException failure) {
        return isCallback(context) ? page() : Response.status(Response.Status.UNAUTHORIZED).build();
    }

    private static boolean isCallback(RoutingContext context) {
        return CallbackIssuerCheck.CALLBACKS.contains(context.normalizedPath());
    }

    private Response page() {
        return pages.refused("Sign-in failed", "oidc", "Your sign-in could not be completed with the national identity service. Please start again.",
                null);
    }
}
