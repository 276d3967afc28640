package org.ancconnect.identity.verification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A patient verification started by a staff member, and once the patient has consented, its record. The verified
 * claims are kept only until the requesting staff member collects them once, then erased.
 */
@Entity
@Table(name = "verification_request")
public class VerificationRequest extends PanacheEntityBase {

    /** Life cycle of a request. */
    public enum Status { PENDING, VERIFIED, DENIED, FAILED, COLLECTED }

    @Id
    public UUID id;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    public String facility;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "return_url", nullable = false)
    public String returnUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "esignet_sub")
    public String esignetSub;

    public String acr;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    @Column(name = "consented_claims")
    public String consentedClaims;

    // text in V2: declared, so Hibernate Reactive's schema validation (it reads text without a JDBC type code) matches it.
    @Column(name = "claims_json", columnDefinition = "text")
    public String claimsJson;

    @Column(name = "collected_at")
    public OffsetDateTime collectedAt;
}
