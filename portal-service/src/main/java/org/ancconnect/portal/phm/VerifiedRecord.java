package org.ancconnect.portal.phm;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.ancconnect.portal.clients.IdentityModels;

/**
 * What eSignet verified about the mother, carried sealed between the registration steps (the browser cannot read or
 * alter it) and bound to the midwife who collected it.
 *
 * @param collectedBy the staff subject that collected the record; another user's request cannot use it
 */
public record VerifiedRecord(String esignetSub, String acr, OffsetDateTime verifiedAt, String givenNames, String familyName,
        LocalDate birthDate, String sex, String phone, String addressLine, String city, String district, String postalCode,
        String collectedBy) {

    /** Sealing purpose of this record. */
    static final String PURPOSE = "verified-record";

    static VerifiedRecord of(IdentityModels.VerificationRecord record, String collectedBy) {
        IdentityModels.VerifiedClaims c = record.claims();
        Map<String, String> address = c == null || c.address() == null ? Map.of() : c.address();
        String given = c == null ? null : c.givenName();
        String family = c == null ? null : c.familyName();
        if ((given == null || family == null) && c != null && c.name() != null) {
            String[] parts = c.name().trim().split("\\s+");
            family = family != null ? family : parts[parts.length - 1];
            given = given != null ? given : String.join(" ", java.util.Arrays.copyOf(parts, Math.max(1, parts.length - 1)));
        }
        return new VerifiedRecord(record.esignetSub(), record.acr(), record.verifiedAt(), given, family,
                c == null ? null : c.birthDate(), sex(c == null ? null : c.sex()), c == null ? null : c.phone(),
                first(address, "street_address", "formatted", "line"), first(address, "locality", "city"),
                first(address, "region", "district"), first(address, "postal_code", "postalCode"), collectedBy);
    }

    /** identity-service normalises the gender claim; anything unexpected is "unknown" rather than a guess. */
    private static String sex(String claim) {
        if (claim == null) {
            return null;
        }
        String s = claim.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "female", "f" -> "female";
            case "male", "m" -> "male";
            case "other" -> "other";
            default -> "unknown";
        };
    }

    private static String first(Map<String, String> address, String... keys) {
        for (String key : keys) {
            String v = address.get(key);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
