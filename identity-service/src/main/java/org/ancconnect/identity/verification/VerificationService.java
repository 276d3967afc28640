package org.ancconnect.identity.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.ancconnect.commons.problem.ProblemException;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.audit.AuditLog;
import org.ancconnect.identity.esignet.VerifiedClaims;

/** Verification requests: created by staff, completed by the patient's eSignet consent, collected once by the requester. */
@ApplicationScoped
public class VerificationService {

    private final IdentityConfig.Sessions config;
    private final AuditLog audit;
    private final ObjectMapper mapper;

    public VerificationService(IdentityConfig config, AuditLog audit, ObjectMapper mapper) {
        this.config = config.sessions();
        this.audit = audit;
        this.mapper = mapper;
    }

    @WithTransaction
    public Uni<VerificationRequest> create(String staffSubject, String facility, String purpose, String returnUrl) {
        VerificationRequest request = new VerificationRequest();
        request.id = UUID.randomUUID();
        request.requestedBy = staffSubject;
        request.facility = facility;
        request.purpose = purpose;
        request.returnUrl = returnUrl;
        request.status = VerificationRequest.Status.PENDING;
        request.createdAt = now();
        request.expiresAt = request.createdAt.plus(config.verificationLifetime());
        return request.<VerificationRequest>persist()
                .call(() -> audit.record("verification.request", "ok", staffSubject, request.id.toString()));
    }

    /** A pending, unexpired request, or null. */
    @WithTransaction
    public Uni<VerificationRequest> pending(UUID id) {
        return VerificationRequest.<VerificationRequest>findById(id)
                .map(r -> r != null && r.status == VerificationRequest.Status.PENDING && r.expiresAt.isAfter(now()) ? r : null);
    }

    /** Records the patient's verified claims and consent; null when the request is no longer pending. */
    @WithTransaction
    public Uni<VerificationRequest> complete(UUID id, VerifiedClaims claims, String acr, String consentedClaims) {
        return pending(id).flatMap(request -> {
            if (request == null) {
                return Uni.createFrom().nullItem();
            }
            request.status = VerificationRequest.Status.VERIFIED;
            request.esignetSub = claims.sub();
            request.acr = acr;
            request.verifiedAt = now();
            request.consentedClaims = consentedClaims;
            request.claimsJson = json(claims);
            return audit.record("verification.complete", "ok", claims.sub(), id.toString()).replaceWith(request);
        });
    }

    /** Marks a request ended without a record (cancel at eSignet or a refused response). */
    @WithTransaction
    public Uni<VerificationRequest> end(UUID id, VerificationRequest.Status status, String reason) {
        return VerificationRequest.<VerificationRequest>findById(id).flatMap(request -> {
            if (request == null || request.status != VerificationRequest.Status.PENDING) {
                return Uni.createFrom().item(request);
            }
            request.status = status;
            return audit.record("verification.complete", reason, null, id.toString()).replaceWith(request);
        });
    }

    /** The outcome of a fetch: the record, or the refusal (returned, not thrown, so its audit entry commits). */
    public record Collected(VerificationRecord record, ProblemException refusal) {
    }

    /**
     * Hands the record to the staff member who asked for it, once: the claims are erased as they are returned. Another
     * staff member, an expired record or a second fetch is refused (and audited).
     */
    @WithTransaction
    public Uni<Collected> collect(UUID id, String staffSubject) {
        return VerificationRequest.<VerificationRequest>findById(id).flatMap(request -> {
            if (request == null) {
                return Uni.createFrom().item(new Collected(null, ProblemException.notFound("No verification " + id)));
            }
            if (!request.requestedBy.equals(staffSubject)) {
                return refuse("other_staff", staffSubject, id, new ProblemException(403, "not-requester", "Forbidden",
                        "Only the staff member who started this verification can read it"));
            }
            if (request.expiresAt.isBefore(now())) {
                request.claimsJson = null;
                return refuse("expired", staffSubject, id, new ProblemException(410, "verification-expired", "Gone", "The verification expired"));
            }
            if (request.status != VerificationRequest.Status.VERIFIED) {
                String status = request.status.name().toLowerCase(Locale.ROOT);
                return refuse(status, staffSubject, id, new ProblemException(409, "verification-" + status, "Conflict",
                        "The verification is " + status));
            }
            VerificationRecord record = VerificationRecord.of(request, read(request.claimsJson));
            request.status = VerificationRequest.Status.COLLECTED;
            request.collectedAt = now();
            request.claimsJson = null;
            return audit.record("verification.collect", "ok", staffSubject, id.toString()).replaceWith(new Collected(record, null));
        });
    }

    private Uni<Collected> refuse(String outcome, String staffSubject, UUID id, ProblemException refusal) {
        return audit.record("verification.collect", outcome, staffSubject, id.toString()).replaceWith(new Collected(null, refusal));
    }

    private String json(VerifiedClaims claims) {
        try {
            return mapper.writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private VerifiedClaims read(String json) {
        try {
            return mapper.readValue(json, VerifiedClaims.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
