package org.ancconnect.esignet.identity;

import java.util.Map;

/**
 * A synthetic person of the mock identity system: localized names, gender label and address, a birth date in
 * eSignet's {@code yyyy/MM/dd} form, phone and email. {@code individualId} is the UIN/VID typed on the ID page.
 */
public record Identity(String individualId, Map<String, String> name, Map<String, String> givenName,
        Map<String, String> familyName, Map<String, String> gender, String birthDate, String phone, String email,
        Map<String, Map<String, String>> address) {

    /** The value of a localized attribute in {@code locale}, falling back to English as eSignet's mock does. */
    public static <T> T localized(Map<String, T> values, String locale) {
        if (values == null) {
            return null;
        }
        T value = values.get(locale);
        return value != null ? value : values.get("en");
    }
}
