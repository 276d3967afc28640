package org.ancconnect.portal.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** identity-service's JSON shapes (its README, "Sessions and internal tokens" and "Flows"). */
public final class IdentityModels {

    private IdentityModels() {
    }

    public record CodeExchange(String code) {
    }

    public record SessionRef(String sessionId) {
    }

    /** A session and a fresh internal access token for it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SessionView(String sessionId, String accessToken, String tokenType, long expiresIn, String kind,
            String subject, List<String> roles, String facility, String phn, String name, OffsetDateTime absoluteExpiresAt) {
    }

    public record NewVerification(String purpose, String returnUrl) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VerificationCreated(UUID id, String verificationUrl, OffsetDateTime expiresAt) {
    }

    /** The verified record, handed out once to the staff member who started the verification. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VerificationRecord(UUID id, String esignetSub, String acr, OffsetDateTime verifiedAt,
            VerifiedClaims claims, Consent consent) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VerifiedClaims(String sub, String name, String givenName, String familyName, LocalDate birthDate,
            String sex, String phone, Map<String, String> address, boolean nationalIdPresent, List<String> releasedClaims) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consent(List<String> claims, String purpose) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffView(UUID id, String displayName, String role, String facility, boolean bound, boolean active,
            OffsetDateTime createdAt, String enrolmentCode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewStaff(String displayName, String role, String facility, String nationalId) {
    }

    /** Update of a staff entry (every field required); {@code active=true} keeps it active or reactivates it. */
    public record StaffUpdate(String displayName, String role, String facility, boolean active) {
    }
}
