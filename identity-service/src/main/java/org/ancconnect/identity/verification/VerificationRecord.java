package org.ancconnect.identity.verification;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.ancconnect.identity.esignet.VerifiedClaims;

/** What the portal receives once: the verified claims, who the patient is for eSignet, how and when, and her consent. */
public record VerificationRecord(UUID id, String esignetSub, String acr, OffsetDateTime verifiedAt, VerifiedClaims claims,
        Consent consent) {

    /** The consent given: which claims were released and for what purpose. */
    public record Consent(List<String> claims, String purpose) {
    }

    static VerificationRecord of(VerificationRequest request, VerifiedClaims claims) {
        List<String> consented = request.consentedClaims == null || request.consentedClaims.isBlank() ? List.of()
                : Arrays.asList(request.consentedClaims.split(","));
        return new VerificationRecord(request.id, request.esignetSub, request.acr, request.verifiedAt, claims,
                new Consent(consented, request.purpose));
    }
}
