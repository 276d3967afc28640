package org.ancconnect.identity.staff;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.ancconnect.identity.audit.AuditLog;
import org.ancconnect.identity.esignet.EsignetFlow;
import org.ancconnect.identity.esignet.EsignetSignIn;
import org.ancconnect.identity.esignet.FlowPages;
import org.ancconnect.identity.esignet.ReturnUrls;
import org.ancconnect.identity.esignet.SignInRejected;
import org.ancconnect.identity.session.Principal;
import org.ancconnect.identity.session.SessionService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Staff sign-in: {@code /signin/staff?return=<portal URL>} starts the eSignet code flow (quarkus-oidc tenant
 * {@code staff}); after our own checks the browser returns to the portal with a one-time code. A verified person who
 * is not in the directory gets the "not enrolled" page and can bind with an enrolment code.
 */
@Path("/signin/staff")
public class StaffSignInResource {

    static final String RETURN_COOKIE = "anc_staff_return";
    private static final String COOKIE_PATH = "/signin/staff";

    /** Field-injected: {@code @IdToken} is a field/method qualifier only. */
    @Inject
    @IdToken
    JsonWebToken idToken;

    private final AccessTokenCredential accessToken;
    private final OidcConfigurationMetadata metadata;
    private final OidcSession oidcSession;
    private final EsignetSignIn signIn;
    private final StaffService staff;
    private final SessionService sessions;
    private final ReturnUrls returnUrls;
    private final FlowPages pages;
    private final AuditLog audit;

    public StaffSignInResource(AccessTokenCredential accessToken, OidcConfigurationMetadata metadata,
            OidcSession oidcSession, EsignetSignIn signIn, StaffService staff, SessionService sessions, ReturnUrls returnUrls,
            FlowPages pages, AuditLog audit) {
        this.accessToken = accessToken;
        this.metadata = metadata;
        this.oidcSession = oidcSession;
        this.signIn = signIn;
        this.staff = staff;
        this.sessions = sessions;
        this.returnUrls = returnUrls;
        this.pages = pages;
        this.audit = audit;
    }

    @GET
    public Response start(@QueryParam("return") String returnUrl) {
        String target = returnUrls.check(returnUrl);
        return Response.seeOther(URI.create(COOKIE_PATH + "/login")).cookie(returnUrls.cookie(RETURN_COOKIE, target, COOKIE_PATH)).build();
    }

    /**
     * eSignet's redirect target: protected, so quarkus-oidc redeems the code and verifies the ID token here
     * (authentication is not proactive), then this completes the sign-in in the same request.
     */
    @GET
    @Path("callback")
    @Authenticated
    public Uni<Response> callback(@CookieParam(RETURN_COOKIE) String returnUrl) {
        return login(returnUrl);
    }

    @GET
    @Path("login")
    @Authenticated
    public Uni<Response> login(@CookieParam(RETURN_COOKIE) String returnUrl) {
        String sub = idToken.getSubject();
        return signIn.complete(EsignetFlow.STAFF, idToken, accessToken.getToken(), metadata.getUserInfoUri())
                .flatMap(claims -> staff.resolve(claims))
                .flatMap(member -> member == null
                        ? audit.record("signin.staff", "not_enrolled", sub, null).replaceWith(pages.notEnrolled(null))
                        : handOver(member, returnUrl))
                .onFailure(SignInRejected.class).recoverWithUni(e -> refuse((SignInRejected) e, sub, returnUrl));
    }

    @POST
    @Path("enrol")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> enrol(@FormParam("code") String code, @CookieParam(RETURN_COOKIE) String returnUrl) {
        String sub = idToken.getSubject();
        return staff.enrol(sub, code).flatMap(member -> member == null
                ? audit.record("staff.enrol", "invalid_code", sub, null).replaceWith(pages.notEnrolled("That enrolment code is not valid."))
                : audit.record("staff.enrol", "ok", member.id.toString(), member.role.name()).flatMap(ignored -> handOver(member, returnUrl)));
    }

    @GET
    @Path("denied")
    public Response denied(@CookieParam(RETURN_COOKIE) String returnUrl, @QueryParam("error") String error) {
        return returnUrls.backWithError(returnUrl, error, RETURN_COOKIE, COOKIE_PATH);
    }

    private Uni<Response> handOver(StaffMember member, String returnUrl) {
        Principal principal = new Principal(Principal.Kind.STAFF, member.id.toString(), List.of(member.role.name()), member.facility,
                null, member.displayName);
        String target = returnUrls.check(returnUrl);
        return sessions.createOneTimeCode(principal)
                .call(() -> audit.record("signin.staff", "ok", member.id.toString(), member.role.name()))
                .call(oidcSession::logout)
                .map(code -> Response.seeOther(ReturnUrls.withParam(target, "code", code))
                        .cookie(returnUrls.cookie(RETURN_COOKIE, "", COOKIE_PATH)).build());
    }

    private Uni<Response> refuse(SignInRejected e, String sub, String returnUrl) {
        return audit.record("signin.staff", "rejected:" + e.reason(), sub, null).call(oidcSession::logout)
                .replaceWith(pages.refused("Sign-in failed", e.reason(), "Your sign-in could not be completed. Please try again.", returnUrl));
    }
}
