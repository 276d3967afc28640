package org.ancconnect.identity.staff;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.esignet.VerifiedClaims;
import org.ancconnect.identity.privacy.KeyedHash;
import org.ancconnect.identity.session.SessionService;

/** The staff directory and the binding of a staff member's eSignet subject at first sign-in. */
@ApplicationScoped
public class StaffService {

    /** Enrolment codes are read aloud or printed: 10 characters without look-alikes (~50 bits). */
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A created staff member and, once, the enrolment code in clear. */
    public record Created(StaffMember member, String enrolmentCode) {
    }

    private final StaffRepository repository;
    private final KeyedHash hash;
    private final IdentityConfig.Staff config;
    private final SessionService sessions;

    public StaffService(StaffRepository repository, KeyedHash hash, IdentityConfig config, SessionService sessions) {
        this.repository = repository;
        this.hash = hash;
        this.config = config.staff();
        this.sessions = sessions;
    }

    /**
     * The staff member bound to this eSignet subject, binding by national-ID hash on first sign-in; null if none. A
     * deactivated member is returned (never bound) so the caller can say so instead of "not enrolled".
     */
    public Uni<StaffMember> resolve(VerifiedClaims claims) {
        // Every sign-in after the first finds a bound member: one read without a transaction (one database round trip
        // instead of three); only a first sign-in that binds by national ID writes, in its own transaction.
        return Panache.withSession(() -> repository.findBySub(claims.sub())).flatMap(bound -> {
            if (bound != null || claims.nationalIdHash() == null) {
                return Uni.createFrom().item(bound);
            }
            return Panache.withTransaction(() -> repository.findUnboundByNationalIdHash(claims.nationalIdHash())
                    .map(member -> member == null || !member.active ? member : bind(member, claims.sub())));
        });
    }

    /**
     * Binds {@code sub} with an enrolment code; null if the code is unknown, expired or already used. A subject bound
     * before gets its member back, deactivated or not.
     */
    @WithTransaction
    public Uni<StaffMember> enrol(String sub, String code) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return repository.findBySub(sub).flatMap(existing -> existing != null ? Uni.createFrom().item(existing)
                : repository.findByEnrolmentCodeHash(KeyedHash.secret(normalise(code))).map(member -> {
                    if (member == null || !member.active || member.esignetSub != null || member.enrolmentExpiresAt.isBefore(now())) {
                        return null;
                    }
                    return bind(member, sub);
                }));
    }

    @WithTransaction
    public Uni<Created> create(String displayName, StaffMember.Role role, String facility, String nationalId) {
        StaffMember member = new StaffMember();
        member.id = UUID.randomUUID();
        member.displayName = displayName;
        member.role = role;
        member.facility = facility;
        member.active = true;
        member.createdAt = now();
        member.nationalIdHash = nationalId == null || nationalId.isBlank() ? null : hash.nationalId(nationalId);
        String code = newCode();
        member.enrolmentCodeHash = KeyedHash.secret(code);
        member.enrolmentExpiresAt = now().plus(config.enrolmentCodeLifetime());
        return repository.persist(member).map(saved -> new Created(saved, code))
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("national_id_hash"))
                .transform(e -> ProblemException.conflict("staff-exists", "A staff member with this national ID exists"));
    }

    /** Creates a seed member with a known id if absent (seed file, idempotent across restarts and replicas). */
    @WithTransaction
    public Uni<Void> seed(UUID id, String displayName, StaffMember.Role role, String facility, String nationalId, String enrolmentCode) {
        return repository.findById(id).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            StaffMember member = new StaffMember();
            member.id = id;
            member.displayName = displayName;
            member.role = role;
            member.facility = facility;
            member.active = true;
            member.createdAt = now();
            member.nationalIdHash = nationalId == null ? null : hash.nationalId(nationalId);
            member.enrolmentCodeHash = enrolmentCode == null ? null : KeyedHash.secret(normalise(enrolmentCode));
            member.enrolmentExpiresAt = now().plus(config.enrolmentCodeLifetime());
            return repository.persist(member).replaceWithVoid();
        });
    }

    @WithSession
    public Uni<List<StaffMember>> list() {
        return repository.listAll();
    }

    /** Deactivates a member: sign-in is refused from now on and every session of theirs is revoked. */
    @WithTransaction
    public Uni<StaffMember> deactivate(UUID id) {
        return found(id).flatMap(member -> {
            member.active = false;
            return sessions.endAllOf(member.id.toString()).replaceWith(member);
        });
    }

    /**
     * Replaces the editable fields. Live sessions follow at once (their next access token carries the new role,
     * facility and name; tokens already issued live out their 5 minutes); deactivation revokes them.
     */
    @WithTransaction
    public Uni<StaffMember> update(UUID id, String displayName, StaffMember.Role role, String facility, boolean active) {
        return found(id).flatMap(member -> {
            member.displayName = displayName;
            member.role = role;
            member.facility = facility;
            member.active = active;
            String subject = member.id.toString();
            return (active ? sessions.updatePrincipal(subject, role.name(), facility, displayName) : sessions.endAllOf(subject))
                    .replaceWith(member);
        });
    }

    private Uni<StaffMember> found(UUID id) {
        return repository.findById(id).map(member -> {
            if (member == null) {
                throw ProblemException.notFound("No staff member " + id);
            }
            return member;
        });
    }

    private StaffMember bind(StaffMember member, String sub) {
        member.esignetSub = sub;
        member.boundAt = now();
        member.enrolmentCodeHash = null;
        return member;
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalise(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
