package org.ancconnect.identity.patient;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ancconnect.identity.esignet.EsignetFlow;
import org.ancconnect.identity.esignet.SignInFlow;
import org.ancconnect.identity.esignet.SignInFlow.FlowCookie;
import org.ancconnect.identity.esignet.SignInRejected;
import org.ancconnect.identity.session.Principal;

/**
 * Patient sign-in ({@code /signin/patient?return=<portal URL>}, quarkus-oidc tenant {@code patient}): the mother's
 * pairwise {@code sub} is her subject, her PHN comes from phn-service.
 */
@Path("/signin/patient")
public class PatientSignInResource {

    private static final FlowCookie RETURN = new FlowCookie("anc_patient_return", "/signin/patient");
    private static final String AUDIT = "signin.patient";

    private final SignInFlow flow;
    private final PhnClient phn;

    public PatientSignInResource(SignInFlow flow, PhnClient phn) {
        this.flow = flow;
        this.phn = phn;
    }

    /** Only builds a redirect and a cookie: served on the event loop, without a hop to the worker pool and its queue. */
    @GET
    @NonBlocking
    public Response start(@QueryParam("return") String returnUrl) {
        return flow.startReturningTo(RETURN, returnUrl);
    }

    /** Completes patient sign-in once quarkus-oidc verified the ID token (login and callback: see {@link SignInFlow}). */
    @GET
    @Path("{step: login|callback}")
    @Authenticated
    public Uni<Response> login(@CookieParam("anc_patient_return") String returnUrl) {
        String sub = flow.subject();
        return flow.verify(EsignetFlow.PATIENT)
                .flatMap(claims -> phn.phnOf(claims.sub()).map(found -> new Principal(Principal.Kind.PATIENT, claims.sub(),
                        List.of("PATIENT"), null, found, claims.name())))
                .flatMap(principal -> flow.handOver(principal, returnUrl, RETURN, AUDIT, principal.phn() == null ? "ok_no_phn" : "ok", sub, null))
                .onFailure(SignInRejected.class).recoverWithUni(e -> flow.refuse(AUDIT, ((SignInRejected) e).reason(), sub, null,
                        "Sign-in failed", "Your sign-in could not be completed. Please try again.", returnUrl));
    }

    @GET
    @Path("denied")
    public Uni<Response> denied(@CookieParam("anc_patient_return") String returnUrl, @QueryParam("error") String error) {
        return flow.denied(AUDIT, returnUrl, error, RETURN);
    }
}
