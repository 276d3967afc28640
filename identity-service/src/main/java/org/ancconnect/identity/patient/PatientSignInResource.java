package org.ancconnect.identity.patient;

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
 * Patient sign-in ({@code /signin/patient?return=<portal URL>}, quarkus-oidc tenant {@code patient}): the mother's
 * pairwise {@code sub} is her subject, her PHN comes from phn-service.
 */
@Path("/signin/patient")
public class PatientSignInResource {

    private static final String RETURN_COOKIE = "anc_patient_return";
    private static final String COOKIE_PATH = "/signin/patient";

    /** Field-injected: {@code @IdToken} is a field/method qualifier only. */
    @Inject
    @IdToken
    JsonWebToken idToken;

    private final AccessTokenCredential accessToken;
    private final OidcConfigurationMetadata metadata;
    private final OidcSession oidcSession;
    private final EsignetSignIn signIn;
    private final PhnClient phn;
    private final SessionService sessions;
    private final ReturnUrls returnUrls;
    private final FlowPages pages;
    private final AuditLog audit;

    public PatientSignInResource(AccessTokenCredential accessToken, OidcConfigurationMetadata metadata,
            OidcSession oidcSession, EsignetSignIn signIn, PhnClient phn, SessionService sessions, ReturnUrls returnUrls,
            FlowPages pages, AuditLog audit) {
        this.accessToken = accessToken;
        this.metadata = metadata;
        this.oidcSession = oidcSession;
        this.signIn = signIn;
        this.phn = phn;
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
        String target = returnUrls.check(returnUrl);
        return signIn.complete(EsignetFlow.PATIENT, idToken, accessToken.getToken(), metadata.getUserInfoUri())
                .flatMap(claims -> phn.phnOf(claims.sub()).map(found -> new Principal(Principal.Kind.PATIENT, claims.sub(),
                        List.of("PATIENT"), null, found, claims.name())))
                .flatMap(principal -> sessions.createOneTimeCode(principal)
                        .call(() -> audit.record("signin.patient", principal.phn() == null ? "ok_no_phn" : "ok", sub, null)))
                .call(oidcSession::logout)
                .map(code -> Response.seeOther(ReturnUrls.withParam(target, "code", code))
                        .cookie(returnUrls.cookie(RETURN_COOKIE, "", COOKIE_PATH)).build())
                .onFailure(SignInRejected.class).recoverWithUni(e -> audit.record("signin.patient", "rejected:" + ((SignInRejected) e).reason(), sub, null)
                        .call(oidcSession::logout)
                        .replaceWith(pages.refused("Sign-in failed", ((SignInRejected) e).reason(),
                                "Your sign-in could not be completed. Please try again.", target)));
    }

    @GET
    @Path("denied")
    public Response denied(@CookieParam(RETURN_COOKIE) String returnUrl, @QueryParam("error") String error) {
        return returnUrls.backWithError(returnUrl, error, RETURN_COOKIE, COOKIE_PATH);
    }
}
