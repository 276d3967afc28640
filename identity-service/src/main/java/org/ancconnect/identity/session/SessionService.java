package org.ancconnect.identity.session;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.TimeSource;
import org.ancconnect.identity.audit.AuditLog;
import org.ancconnect.identity.privacy.KeyedHash;
import org.ancconnect.identity.token.InternalTokenIssuer;

/**
 * One-time codes, sessions and the access tokens minted from them. Codes and session ids are 256-bit random values
 * stored only as SHA-256; a code is deleted as it is exchanged, so a replay finds nothing.
 */
@ApplicationScoped
public class SessionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the portal receives for a session. */
    public record SessionGrant(String sessionId, InternalTokenIssuer.IssuedToken token, Principal principal,
            OffsetDateTime absoluteExpiresAt) {
    }

    private final IdentityConfig.Sessions config;
    private final InternalTokenIssuer tokens;
    private final AuditLog audit;
    private final TimeSource time;

    public SessionService(IdentityConfig config, InternalTokenIssuer tokens, AuditLog audit, TimeSource time) {
        this.config = config.sessions();
        this.tokens = tokens;
        this.audit = audit;
        this.time = time;
    }

    /** Creates the one-time code handed to the portal after a sign-in. */
    @WithTransaction
    public Uni<String> createOneTimeCode(Principal principal) {
        String code = randomSecret();
        OneTimeCode row = new OneTimeCode();
        row.codeHash = KeyedHash.secret(code);
        row.hold(principal);
        row.expiresAt = now().plus(config.oneTimeCodeLifetime());
        return row.persist().replaceWith(code);
    }

    /** Exchanges a one-time code for a new session and its first access token; null (audited) when the code is not valid. */
    @WithTransaction
    public Uni<SessionGrant> exchange(String code) {
        return OneTimeCode.<OneTimeCode>findById(KeyedHash.secret(code)).flatMap(row -> {
            if (row == null || row.expiresAt.isBefore(now())) {
                Uni<Void> cleanup = row == null ? Uni.createFrom().voidItem() : row.delete();
                return cleanup.flatMap(ignored -> audit.record("session.create", "invalid_code", null, null)).replaceWith((SessionGrant) null);
            }
            Principal principal = row.principal();
            String sessionId = randomSecret();
            UserSession session = new UserSession();
            session.idHash = KeyedHash.secret(sessionId);
            session.hold(principal);
            session.createdAt = now();
            session.lastSeenAt = session.createdAt;
            session.absoluteExpiresAt = session.createdAt.plus(config.absoluteTimeout());
            return row.delete().flatMap(ignored -> session.persist())
                    .flatMap(ignored -> audit.record("session.create", "ok", principal.subject(), principal.kind().name()))
                    .flatMap(ignored -> tokens.issue(principal))
                    .map(token -> new SessionGrant(sessionId, token, principal, session.absoluteExpiresAt));
        });
    }

    /** A fresh access token for a live session; touching it resets the idle timer. */
    @WithTransaction
    public Uni<SessionGrant> refresh(String sessionId) {
        return live(sessionId).flatMap(session -> {
            session.lastSeenAt = now();
            Principal principal = session.principal();
            return tokens.issue(principal).map(token -> new SessionGrant(sessionId, token, principal, session.absoluteExpiresAt));
        });
    }

    /** Ends a session (logout); later refreshes fail. */
    @WithTransaction
    public Uni<Void> revoke(String sessionId) {
        return UserSession.<UserSession>findById(KeyedHash.secret(sessionId)).flatMap(session -> {
            if (session == null || session.revokedAt != null) {
                return Uni.createFrom().voidItem();
            }
            session.revokedAt = now();
            return audit.record("session.logout", "ok", session.subject, session.kind);
        });
    }

    /** Revokes every live session of a staff member and deletes their unredeemed one-time codes (deactivation). */
    public Uni<Void> endAllOf(String staffId) {
        String staff = Principal.Kind.STAFF.name();
        return UserSession.update("revokedAt = ?1 where subject = ?2 and kind = ?3 and revokedAt is null", now(), staffId, staff)
                .flatMap(ignored -> OneTimeCode.delete("subject = ?1 and kind = ?2", staffId, staff)).replaceWithVoid();
    }

    /** Live sessions and pending codes of a staff member take the directory's new role, facility and name. */
    public Uni<Void> updatePrincipal(String staffId, String role, String facility, String displayName) {
        String staff = Principal.Kind.STAFF.name();
        return UserSession.update("roles = ?1, facility = ?2, displayName = ?3 where subject = ?4 and kind = ?5 and revokedAt is null",
                role, facility, displayName, staffId, staff)
                .flatMap(ignored -> OneTimeCode.update("roles = ?1, facility = ?2, displayName = ?3 where subject = ?4 and kind = ?5",
                        role, facility, displayName, staffId, staff)).replaceWithVoid();
    }

    /**
     * A code or session id that arrived without the portal's credential is treated as leaked: the code is deleted
     * and the session revoked, so whoever holds it cannot keep trying. The real portal's user simply signs in again.
     */
    @WithTransaction
    public Uni<Void> refuseUnauthenticatedClient(String type, String code, String sessionId) {
        Uni<Void> burn = Uni.createFrom().voidItem();
        if (code != null) {
            burn = OneTimeCode.delete("codeHash", KeyedHash.secret(code)).replaceWithVoid();
        } else if (sessionId != null) {
            burn = UserSession.update("revokedAt = ?1 where idHash = ?2 and revokedAt is null", now(), KeyedHash.secret(sessionId))
                    .replaceWithVoid();
        }
        return burn.flatMap(ignored -> audit.record(type, "rejected:client_auth", null, null));
    }

    private Uni<UserSession> live(String sessionId) {
        return UserSession.<UserSession>findById(KeyedHash.secret(sessionId)).map(session -> {
            OffsetDateTime now = now();
            if (session == null || session.revokedAt != null || session.absoluteExpiresAt.isBefore(now)
                    || session.lastSeenAt.plus(config.idleTimeout()).isBefore(now)) {
                throw new ProblemException(401, "session-ended", "Session ended", "The session is unknown, revoked or timed out");
            }
            return session;
        });
    }

    private OffsetDateTime now() {
        return time.now();
    }

    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
