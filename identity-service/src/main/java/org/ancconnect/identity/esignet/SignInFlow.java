package org.ancconnect.identity.esignet;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ancconnect.identity.audit.AuditLog;
import org.ancconnect.identity.session.Principal;
import org.ancconnect.identity.session.SessionService;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the three browser flows (staff sign-in, patient sign-in, patient verification) share around quarkus-oidc: the
 * start redirect with the flow's cookie, the checks after the ID token was verified, the hand-over to the portal with a
 * one-time code, refusals, and dropping the tenant session at once (the server-side session is the only session).
 * Request-scoped parts (ID token, access token, tenant session) arrive through client proxies.
 *
 * <p>Each flow's resource serves {@code <flow>/login} and {@code <flow>/callback} with one protected method: on
 * {@code login} quarkus-oidc starts the code flow (redirect to eSignet); {@code callback} is eSignet's redirect target,
 * where quarkus-oidc redeems the code and verifies the ID token (authentication is not proactive) before the method
 * completes the flow in the same request.
 */
@ApplicationScoped
public class SignInFlow {

    /** A flow's short-lived cookie (the return URL or the verification request id) and the path it is scoped to. */
    public record FlowCookie(String name, String path) {
    }

    /** Field-injected: {@code @IdToken} is a field/method qualifier only. */
    @Inject
    @IdToken
    JsonWebToken idToken;

    private final AccessTokenCredential accessToken;
    private final OidcConfigurationMetadata metadata;
    private final OidcSession oidcSession;
    private final EsignetSignIn signIn;
    private final SessionService sessions;
    private final ReturnUrls returnUrls;
    private final FlowPages pages;
    private final AuditLog audit;

    public SignInFlow(AccessTokenCredential accessToken, OidcConfigurationMetadata metadata, OidcSession oidcSession,
            EsignetSignIn signIn, SessionService sessions, ReturnUrls returnUrls, FlowPages pages, AuditLog audit) {
        this.accessToken = accessToken;
        this.metadata = metadata;
        this.oidcSession = oidcSession;
        this.signIn = signIn;
        this.sessions = sessions;
        this.returnUrls = returnUrls;
        this.pages = pages;
        this.audit = audit;
    }

    /** Remembers {@code value} in the flow's cookie and sends the browser to the protected login path (the code flow). */
    public Response start(FlowCookie cookie, String value) {
        return Response.seeOther(URI.create(cookie.path() + "/login")).cookie(cookie(cookie, value)).build();
    }

    /** Starts a flow that returns to a portal URL, after checking it is one. */
    public Response startReturningTo(FlowCookie cookie, String returnUrl) {
        return start(cookie, returnUrls.check(returnUrl));
    }

    /** The eSignet subject of the verified ID token. */
    public String subject() {
        return idToken.getSubject();
    }

    /** The verified ID token's {@code acr}. */
    public String acr() {
        Object acr = idToken.getClaim("acr");
        return acr == null ? null : acr.toString();
    }

    /** Our checks on top of quarkus-oidc's (acr, auth_time, userinfo): the verified claims or {@link SignInRejected}. */
    public Uni<VerifiedClaims> verify(EsignetFlow flow) {
        return signIn.complete(flow, idToken, accessToken.getToken(), metadata.getUserInfoUri());
    }

    /** Writes the one-time code, audits, drops the tenant session and returns the browser to the portal with the code. */
    public Uni<Response> handOver(Principal principal, String returnUrl, FlowCookie cookie, String auditType, String outcome, String actor,
            String detail) {
        String target = returnUrls.check(returnUrl);
        // One transaction for the code and its audit entry: one commit round trip less per sign-in, and never one without the other.
        return Panache.withTransaction(() -> withoutWaitingForFlush()
                .flatMap(ignored -> sessions.createOneTimeCode(principal)).call(() -> audit.record(auditType, outcome, actor, detail)))
                .call(oidcSession::logout)
                .map(code -> Response.seeOther(ReturnUrls.withParam(target, "code", code)).cookie(cookie(cookie, "")).build());
    }

    /**
     * The hand-over's commit does not wait for its WAL flush (one disk flush less per sign-in: about 5 ms of the callback
     * on the project machine, pgbench 6.5 ms vs 1.4 ms per single-insert transaction). Losing this transaction in a
     * database crash is harmless: it holds only a one-time code (60 s, single use) and its audit entry. The code's
     * exchange commits synchronously, and PostgreSQL's synchronous commit flushes all WAL written before it, this
     * transaction included; so a crash can only lose a code that was never exchanged, for a sign-in that never became
     * a session (the person signs in again). Sessions, their audit entries and a spent code's deletion stay synchronous:
     * losing the deletion would let a code be exchanged twice.
     */
    private static Uni<Integer> withoutWaitingForFlush() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate());
    }

    /** Audits a refusal, drops the tenant session and shows the refusal page (HTTP 403). */
    public Uni<Response> refuse(String auditType, String reason, String actor, String detail, String heading, String message,
            String returnUrl) {
        return audit.record(auditType, "rejected:" + reason, actor, detail).call(oidcSession::logout)
                .replaceWith(pages.refused(heading, reason, message, returnUrl));
    }

    /** Drops the tenant session (quarkus-oidc's cookie): each flow is one eSignet login, never reused. */
    public Uni<Void> endOidcSession() {
        return oidcSession.logout();
    }

    /** Cancel at eSignet ({@code access_denied}): audited, back to the portal with the error, nothing created. */
    public Uni<Response> denied(String auditType, String returnUrl, String error, FlowCookie cookie) {
        String reason = error == null ? "access_denied" : error;
        return audit.record(auditType, reason, null, null).replaceWith(() -> returnUrls.backWithError(returnUrl, reason, cookie.name(), cookie.path()));
    }

    /** The flow's cookie with {@code value}; an empty value deletes it. */
    public NewCookie cookie(FlowCookie cookie, String value) {
        return returnUrls.cookie(cookie.name(), value, cookie.path());
    }
}
