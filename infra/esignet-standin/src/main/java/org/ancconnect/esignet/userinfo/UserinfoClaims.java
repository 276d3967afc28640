package org.ancconnect.esignet.userinfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.esignet.identity.Identity;

/**
 * The consented claims of an identity as eSignet's mock identity system releases them: one locale gives plain names,
 * several give locale-suffixed names ({@code name#en}); dates as {@code yyyy/MM/dd}; gender as a label.
 */
final class UserinfoClaims {

    private UserinfoClaims() {
    }

    static Map<String, Object> of(Identity identity, Set<String> claims, List<String> locales) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String claim : claims) {
            switch (claim) {
                case "name" -> localized(out, claim, identity.name(), locales);
                case "given_name" -> localized(out, claim, identity.givenName(), locales);
                case "family_name" -> localized(out, claim, identity.familyName(), locales);
                case "gender" -> localized(out, claim, identity.gender(), locales);
                case "address" -> localized(out, claim, identity.address(), locales);
                case "birthdate" -> out.put(claim, identity.birthDate());
                case "phone_number" -> out.put(claim, identity.phone());
                case "email" -> out.put(claim, identity.email());
                case "individual_id" -> out.put(claim, identity.individualId());
                default -> { }
            }
        }
        return out;
    }

    private static <T> void localized(Map<String, Object> out, String claim, Map<String, T> values, List<String> locales) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (locales.size() == 1) {
            out.put(claim, Identity.localized(values, locales.getFirst()));
            return;
        }
        for (String locale : locales) {
            T value = values.get(locale);
            if (value != null) {
                out.put(claim + '#' + locale, value);
            }
        }
    }
}
