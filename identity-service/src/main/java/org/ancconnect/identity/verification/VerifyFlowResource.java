package org.ancconnect.identity.verification;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.ancconnect.identity.esignet.EsignetFlow;
import org.ancconnect.identity.esignet.EsignetSignIn;
import org.ancconnect.identity.esignet.FlowPages;
import org.ancconnect.identity.esignet.ReturnUrls;
import org.ancconnect.identity.esignet.SignInRejected;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The patient's part of a verification, in the same browser as the staff session but on its own quarkus-oidc tenant
 * ({@code verify}, cookies scoped to {@code /verify}), so the staff member's portal session is never touched. The
 * tenant session is dropped as soon as the record is written: each verification is a fresh eSignet login.
 */
@Path("/verify")
public class VerifyFlowResource {

    private static final String REQUEST_COOKIE = "anc_verify_request";
    private static final String COOKIE_PATH = "/verify";

    /** Field-injected: {@code @IdToken} is a field/method qualifier only. */
    @Inject
    @IdToken
    JsonWebToken idToken;

    private final AccessTokenCredential accessToken;
    private final OidcConfigurationMetadata metadata;
    private final OidcSession oidcSession;
    private final EsignetSignIn signIn;
    private final VerificationService verifications;
    private final ReturnUrls returnUrls;
    private final FlowPages pages;

    public VerifyFlowResource(AccessTokenCredential accessToken, OidcConfigurationMetadata metadata,
            OidcSession oidcSession, EsignetSignIn signIn, VerificationService verifications, ReturnUrls returnUrls, FlowPages pages) {
        this.accessToken = accessToken;
        this.metadata = metadata;
        this.oidcSession = oidcSession;
        this.signIn = signIn;
        this.verifications = verifications;
        this.returnUrls = returnUrls;
        this.pages = pages;
    }

    @GET
    @Path("start")
    public Uni<Response> start(@QueryParam("request") UUID id) {
        if (id == null) {
            return Uni.createFrom().item(pages.refused("Verification not found", "unknown_request", "This verification link is not valid.", null));
        }
        return verifications.pending(id).map(request -> request == null
                ? pages.refused("Verification not available", "not_pending", "This verification has expired or was already used.", null)
                : Response.seeOther(URI.create(COOKIE_PATH + "/login")).cookie(returnUrls.cookie(REQUEST_COOKIE, id.toString(), COOKIE_PATH)).build());
    }

    /**
     * eSignet's redirect target: protected, so quarkus-oidc redeems the code and verifies the ID token here
     * (authentication is not proactive), then this completes the sign-in in the same request.
     */
    @GET
    @Path("callback")
    @Authenticated
    public Uni<Response> callback(@CookieParam(REQUEST_COOKIE) String requestId) {
        return login(requestId);
    }

    @GET
    @Path("login")
    @Authenticated
    public Uni<Response> login(@CookieParam(REQUEST_COOKIE) String requestId) {
        UUID id = parse(requestId);
        if (id == null) {
            return oidcSession.logout().replaceWith(pages.refused("Verification not found", "unknown_request", "Start the verification again.", null));
        }
        String acr = idToken.getClaim("acr") == null ? null : idToken.getClaim("acr").toString();
        return signIn.complete(EsignetFlow.VERIFY, idToken, accessToken.getToken(), metadata.getUserInfoUri())
                .flatMap(claims -> verifications.complete(id, claims, acr, String.join(",", claims.releasedClaims())))
                .map(request -> request != null ? backToPortal(request.returnUrl, id, null)
                        : pages.refused("Verification not available", "not_pending", "This verification has expired or was already used.", null))
                .onFailure(SignInRejected.class).recoverWithUni(e -> verifications
                        .end(id, VerificationRequest.Status.FAILED, "rejected:" + ((SignInRejected) e).reason())
                        .map(r -> pages.refused("Verification failed", ((SignInRejected) e).reason(),
                                "The verification could not be completed. Please try again.", r == null ? null : r.returnUrl)))
                .call(oidcSession::logout);
    }

    @GET
    @Path("denied")
    public Uni<Response> denied(@CookieParam(REQUEST_COOKIE) String requestId, @QueryParam("error") String error) {
        UUID id = parse(requestId);
        if (id == null) {
            return Uni.createFrom().item(pages.refused("Verification cancelled", "access_denied", "The verification was cancelled.", null));
        }
        return verifications.end(id, VerificationRequest.Status.DENIED, error == null ? "access_denied" : error)
                .map(r -> r == null ? pages.refused("Verification cancelled", "access_denied", "The verification was cancelled.", null)
                        : backToPortal(r.returnUrl, id, error == null ? "access_denied" : error));
    }

    private Response backToPortal(String returnUrl, UUID id, String error) {
        URI target = ReturnUrls.withParam(returnUrl, "verification", id.toString());
        if (error != null) {
            target = ReturnUrls.withParam(target.toString(), "error", error);
        }
        return Response.seeOther(target).cookie(returnUrls.cookie(REQUEST_COOKIE, "", COOKIE_PATH)).build();
    }

    private static UUID parse(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
