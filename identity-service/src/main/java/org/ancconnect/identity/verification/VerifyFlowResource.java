package org.ancconnect.identity.verification;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.ancconnect.identity.esignet.EsignetFlow;
import org.ancconnect.identity.esignet.FlowPages;
import org.ancconnect.identity.esignet.ReturnUrls;
import org.ancconnect.identity.esignet.SignInFlow;
import org.ancconnect.identity.esignet.SignInFlow.FlowCookie;
import org.ancconnect.identity.esignet.SignInRejected;

/**
 * The patient's part of a verification, in the same browser as the staff session but on its own quarkus-oidc tenant
 * ({@code verify}, cookies scoped to {@code /verify}), so the staff member's portal session is never touched. The
 * tenant session is dropped as soon as the record is written: each verification is a fresh eSignet login.
 */
@Path("/verify")
public class VerifyFlowResource {

    private static final FlowCookie REQUEST = new FlowCookie("anc_verify_request", "/verify");

    private final SignInFlow flow;
    private final VerificationService verifications;
    private final FlowPages pages;

    public VerifyFlowResource(SignInFlow flow, VerificationService verifications, FlowPages pages) {
        this.flow = flow;
        this.verifications = verifications;
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
                : flow.start(REQUEST, id.toString()));
    }

    /** Records the verification once quarkus-oidc verified the ID token (login and callback: see {@link SignInFlow}). */
    @GET
    @Path("{step: login|callback}")
    @Authenticated
    public Uni<Response> login(@CookieParam("anc_verify_request") String requestId) {
        UUID id = parse(requestId);
        if (id == null) {
            return flow.endOidcSession().replaceWith(pages.refused("Verification not found", "unknown_request", "Start the verification again.", null));
        }
        String acr = flow.acr();
        return flow.verify(EsignetFlow.VERIFY)
                .flatMap(claims -> verifications.complete(id, claims, acr, String.join(",", claims.releasedClaims())))
                .map(request -> request != null ? backToPortal(request.returnUrl, id, null)
                        : pages.refused("Verification not available", "not_pending", "This verification has expired or was already used.", null))
                .onFailure(SignInRejected.class).recoverWithUni(e -> verifications
                        .end(id, VerificationRequest.Status.FAILED, "rejected:" + ((SignInRejected) e).reason())
                        .map(r -> pages.refused("Verification failed", ((SignInRejected) e).reason(),
                                "The verification could not be completed. Please try again.", r == null ? null : r.returnUrl)))
                .call(flow::endOidcSession);
    }

    @GET
    @Path("denied")
    public Uni<Response> denied(@CookieParam("anc_verify_request") String requestId, @QueryParam("error") String error) {
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
        return Response.seeOther(target).cookie(flow.cookie(REQUEST, "")).build();
    }

    private static UUID parse(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
