package org.ancconnect.identity.session;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.IdentityConfig;
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

    public SessionService(IdentityConfig config, InternalTokenIssuer tokens, AuditLog audit) {
        this.config = config.sessions();
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Creates the one-time code handed to the portal after a sign-in. */
    @WithTransaction
    public Uni<String> createOneTimeCode(Principal principal) {
        String code = randomSecret();
        OneTimeCode row = new OneTimeCode();
        row.codeHash = KeyedHash.secret(code);
        row.kind = principal.kind().name();
        row.subject = principal.subject();
        row.roles = String.join(",", principal.roles());
        row.facility = principal.facility();
        row.phn = principal.phn();
        row.displayName = principal.displayName();
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
            Principal principal = new Principal(Principal.Kind.valueOf(row.kind), row.subject, List.of(row.roles.split(",")),
                    row.facility, row.phn, row.displayName);
            String sessionId = randomSecret();
            UserSession session = new UserSession();
            session.idHash = KeyedHash.secret(sessionId);
            session.kind = row.kind;
            session.subject = row.subject;
            session.roles = row.roles;
            session.facility = row.facility;
            session.phn = row.phn;
            session.displayName = row.displayName;
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

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
