package org.ancconnect.identity.staff;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ancconnect.identity.audit.AuditLog;
import org.ancconnect.identity.esignet.EsignetFlow;
import org.ancconnect.identity.esignet.FlowPages;
import org.ancconnect.identity.esignet.SignInFlow;
import org.ancconnect.identity.esignet.SignInFlow.FlowCookie;
import org.ancconnect.identity.esignet.SignInRejected;
import org.ancconnect.identity.session.Principal;

/**
 * Staff sign-in: {@code /signin/staff?return=<portal URL>} starts the eSignet code flow (quarkus-oidc tenant
 * {@code staff}); after our own checks the browser returns to the portal with a one-time code. A verified person who
 * is not in the directory gets the "not enrolled" page and can bind with an enrolment code.
 */
@Path("/signin/staff")
public class StaffSignInResource {

    private static final FlowCookie RETURN = new FlowCookie("anc_staff_return", "/signin/staff");
    private static final String AUDIT = "signin.staff";

    private final SignInFlow flow;
    private final StaffService staff;
    private final FlowPages pages;
    private final AuditLog audit;

    public StaffSignInResource(SignInFlow flow, StaffService staff, FlowPages pages, AuditLog audit) {
        this.flow = flow;
        this.staff = staff;
        this.pages = pages;
        this.audit = audit;
    }

    /** Only builds a redirect and a cookie: served on the event loop, without a hop to the worker pool and its queue. */
    @GET
    @NonBlocking
    public Response start(@QueryParam("return") String returnUrl) {
        return flow.startReturningTo(RETURN, returnUrl);
    }

    /** Completes staff sign-in once quarkus-oidc verified the ID token (login and callback: see {@link SignInFlow}). */
    @GET
    @Path("{step: login|callback}")
    @Authenticated
    public Uni<Response> login(@CookieParam("anc_staff_return") String returnUrl) {
        String sub = flow.subject();
        return flow.verify(EsignetFlow.STAFF)
                .flatMap(claims -> staff.resolve(claims))
                .flatMap(member -> member == null
                        ? audit.record(AUDIT, "not_enrolled", sub, null).replaceWith(pages.notEnrolled(null))
                        : handOverIfActive(member, returnUrl))
                .onFailure(SignInRejected.class).recoverWithUni(e -> flow.refuse(AUDIT, ((SignInRejected) e).reason(), sub, null,
                        "Sign-in failed", "Your sign-in could not be completed. Please try again.", returnUrl));
    }

    @POST
    @Path("enrol")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> enrol(@FormParam("code") String code, @CookieParam("anc_staff_return") String returnUrl) {
        String sub = flow.subject();
        return staff.enrol(sub, code).flatMap(member -> {
            if (member == null) {
                return audit.record("staff.enrol", "invalid_code", sub, null).replaceWith(pages.notEnrolled("That enrolment code is not valid."));
            }
            return member.active ? audit.record("staff.enrol", "ok", member.id.toString(), member.role.name()).flatMap(ignored -> handOverIfActive(member, returnUrl))
                    : handOverIfActive(member, returnUrl);
        });
    }

    @GET
    @Path("denied")
    public Uni<Response> denied(@CookieParam("anc_staff_return") String returnUrl, @QueryParam("error") String error) {
        return flow.denied(AUDIT, returnUrl, error, RETURN);
    }

    /** A deactivated member gets a clear refusal page and nothing else: no code, no session. */
    private Uni<Response> handOverIfActive(StaffMember member, String returnUrl) {
        String id = member.id.toString();
        if (!member.active) {
            return flow.refuse(AUDIT, "deactivated", id, member.role.name(), "Account deactivated",
                    "Your ANC Connect staff account is deactivated. Please contact your administrator.", returnUrl);
        }
        Principal principal = new Principal(Principal.Kind.STAFF, id, List.of(member.role.name()), member.facility, null, member.displayName);
        return flow.handOver(principal, returnUrl, RETURN, AUDIT, "ok", id, member.role.name());
    }
}
