package org.ancconnect.identity.esignet;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What eSignet's identity system vouched for, normalised: names in the preferred locale, birth date as a date,
 * sex as the suite's code; {@code releasedClaims} names what the person consented to release. The national ID is never carried in clear: only whether it was released and its keyed hash.
 */
public record VerifiedClaims(String sub, String name, String givenName, String familyName, LocalDate birthDate, String sex,
        String phone, Map<String, String> address, boolean nationalIdPresent, String nationalIdHash, List<String> releasedClaims) {
}
