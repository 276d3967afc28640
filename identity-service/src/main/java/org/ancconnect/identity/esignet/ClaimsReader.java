package org.ancconnect.identity.esignet;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads eSignet userinfo claims: plain or locale-suffixed names ({@code name#en}), dates as {@code 1995/04/12} (or
 * ISO), gender as a label in any released locale.
 */
final class ClaimsReader {

    private static final DateTimeFormatter ESIGNET_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    /** Gender labels observed from the mock identity system in English, Sinhala and Tamil. */
    private static final Map<String, String> SEX_LABELS = Map.of("female", "female", "f", "female", "ස්ත්‍රී", "female",
            "பெண்", "female", "male", "male", "m", "male", "පුරුෂ", "male", "ஆண்", "male", "other", "other");

    private static final Set<String> ENVELOPE = Set.of("sub", "iss", "aud", "iat", "exp", "nbf", "jti");

    private ClaimsReader() {
    }

    static VerifiedClaims read(Map<String, Object> claims, List<String> locales, UnaryOperator<String> nationalIdHash) {
        String individualId = text(claims, "individual_id", locales);
        return new VerifiedClaims((String) claims.get("sub"), text(claims, "name", locales), text(claims, "given_name", locales),
                text(claims, "family_name", locales), date(text(claims, "birthdate", locales)), sex(text(claims, "gender", locales)),
                text(claims, "phone_number", locales), address(localized(claims, "address", locales)), individualId != null,
                individualId == null ? null : nationalIdHash.apply(individualId), released(claims));
    }

    /** Names of the released claims, locale suffixes folded, without the envelope claims. */
    static List<String> released(Map<String, Object> claims) {
        return claims.keySet().stream().map(name -> name.contains("#") ? name.substring(0, name.indexOf('#')) : name)
                .filter(name -> !ENVELOPE.contains(name)).distinct().sorted().toList();
    }

    /** The claim in the first locale that has it, then unsuffixed, then any locale. */
    static Object localized(Map<String, Object> claims, String name, List<String> locales) {
        for (String locale : locales) {
            Object value = claims.get(name + '#' + locale);
            if (value != null) {
                return value;
            }
        }
        Object plain = claims.get(name);
        if (plain != null) {
            return plain;
        }
        return claims.entrySet().stream().filter(e -> e.getKey().startsWith(name + '#')).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String text(Map<String, Object> claims, String name, List<String> locales) {
        Object value = localized(claims, name, locales);
        return value == null ? null : value.toString();
    }

    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.contains("/") ? LocalDate.parse(value, ESIGNET_DATE) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String sex(String label) {
        if (label == null || label.isBlank()) {
            return "unknown";
        }
        return SEX_LABELS.getOrDefault(label.trim().toLowerCase(Locale.ROOT), "unknown");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> address(Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, String> address = new LinkedHashMap<>();
        ((Map<String, Object>) raw).forEach((k, v) -> {
            if (v != null) {
                address.put(k, v.toString());
            }
        });
        return address;
    }
}
