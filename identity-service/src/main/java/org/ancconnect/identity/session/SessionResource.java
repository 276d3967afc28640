package org.ancconnect.identity.session;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import org.ancconnect.commons.problem.ProblemException;

/**
 * The portal's back channel: exchange the one-time code from the sign-in redirect for a session, get fresh access
 * tokens for it, end it. Every call carries the portal's client credential (HTTP Basic) as well as the code or session
 * id; neither of those ever appears in a URL after the single sign-in redirect.
 */
@Path("/api/v1/sessions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** Exchange request. */
    public record CodeExchange(@NotBlank @Size(max = 100) String code) {
    }

    /** A request naming a session. */
    public record SessionRef(@NotBlank @Size(max = 100) String sessionId) {
    }

    /** A session and its current access token. */
    public record SessionView(String sessionId, String accessToken, String tokenType, long expiresIn, String kind, String subject,
            List<String> roles, String facility, String phn, String name, OffsetDateTime absoluteExpiresAt) {

        static SessionView of(SessionService.SessionGrant grant) {
            Principal p = grant.principal();
            return new SessionView(grant.sessionId(), grant.token().token(), "Bearer", grant.token().expiresIn(), p.kind().name(),
                    p.subject(), p.roles(), p.facility(), p.phn(), p.displayName(), grant.absoluteExpiresAt());
        }
    }

    private final SessionService sessions;
    private final PortalClient portal;

    public SessionResource(SessionService sessions, PortalClient portal) {
        this.sessions = sessions;
        this.portal = portal;
    }

    @POST
    public Uni<Response> exchange(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid CodeExchange request) {
        if (!portal.authenticates(authorization)) {
            return refuse("session.create", request.code(), null);
        }
        return sessions.exchange(request.code()).map(grant -> {
            if (grant == null) {
                throw new ProblemException(400, "invalid-code", "Invalid code", "The code is unknown, used or expired");
            }
            return Response.status(Response.Status.CREATED).entity(SessionView.of(grant)).build();
        });
    }

    @POST
    @Path("token")
    public Uni<SessionView> token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid SessionRef request) {
        if (!portal.authenticates(authorization)) {
            return refuse("session.token", null, request.sessionId());
        }
        return sessions.refresh(request.sessionId()).map(SessionView::of);
    }

    @POST
    @Path("logout")
    public Uni<Response> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Valid SessionRef request) {
        if (!portal.authenticates(authorization)) {
            return refuse("session.logout", null, request.sessionId());
        }
        return sessions.revoke(request.sessionId()).replaceWith(Response.noContent().build());
    }

    /** 401 problem (with {@code WWW-Authenticate}, added by {@link PortalClientChallenge}) after burning what was presented. */
    private <T> Uni<T> refuse(String type, String code, String sessionId) {
        return sessions.refuseUnauthenticatedClient(type, code, sessionId).onItem().transformToUni(ignored -> Uni.createFrom().failure(new ProblemException(401,
                PortalClientChallenge.PROBLEM_TYPE, "Client authentication failed", "The portal client credential is missing or wrong")));
    }
}
