package org.ancconnect.portal.phm;

import java.util.List;
import java.util.Map;

/** A registration form from saved fields (a form restored after sign-in). */
final class RegistrationFormReader {

    private RegistrationFormReader() {
    }

    static RegistrationForm from(Map<String, List<String>> fields) {
        RegistrationForm f = new RegistrationForm();
        f.sourceId = first(fields, "sourceId");
        f.verified = first(fields, "verified");
        f.corrected = first(fields, "corrected");
        f.givenNames = first(fields, "givenNames");
        f.familyName = first(fields, "familyName");
        f.previousFamilyName = first(fields, "previousFamilyName");
        f.birthDate = first(fields, "birthDate");
        f.birthDateEstimated = first(fields, "birthDateEstimated");
        f.sex = first(fields, "sex");
        f.phone = first(fields, "phone");
        f.addressLine = first(fields, "addressLine");
        f.city = first(fields, "city");
        f.district = first(fields, "district");
        f.postalCode = first(fields, "postalCode");
        f.nic = first(fields, "nic");
        f.presentedPhn = first(fields, "presentedPhn");
        return f;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
