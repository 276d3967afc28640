package org.ancconnect.portal.phm;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ancconnect.portal.clients.PhnModels;
import org.ancconnect.portal.web.FieldErrors;

/**
 * Checks a registration form before anything is sent (the limits are phn-service's RegistrationRequest constraints,
 * so the midwife hears about a problem in her language, next to the field) and turns it into phn-service's request.
 * Verified fields come from the sealed record, never from the posted form, unless she chose to correct them.
 */
final class RegistrationCheck {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ]{8,18}$");
    private static final Pattern NIC = Pattern.compile("^([0-9]{9}[VvXx]|[0-9]{12})$");
    private static final Pattern POSTAL = Pattern.compile("^[0-9A-Za-z -]{0,10}$");
    private static final Pattern PHN = Pattern.compile("^[0-9A-Za-z -]{5,32}$");
    private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");
    /** The oldest plausible birth date of a mother in care (also keeps typos like 0199 out). */
    private static final LocalDate OLDEST = LocalDate.of(1900, 1, 1);

    /** Where a portal registration comes from (phn-service's idempotency key is this + sourceId). */
    static final String SOURCE_SYSTEM = "anc-portal";

    private RegistrationCheck() {
    }

    /**
     * Puts the verified identity (names, birth date, sex) into the form unless corrected, so what is shown and sent is
     * what eSignet said; verified contact details fill only empty fields.
     */
    static void applyVerified(RegistrationForm form, VerifiedRecord v) {
        if (v == null || form.isCorrected()) {
            return;
        }
        form.givenNames = v.givenNames();
        form.familyName = v.familyName();
        form.birthDate = v.birthDate() == null ? form.birthDate : v.birthDate().toString();
        form.sex = v.sex() == null ? form.sex : v.sex();
        // Contact details only pre-fill: a mother moves and changes phones, so the midwife may edit them.
        form.phone = blank(form.phone) ? v.phone() : form.phone;
        form.addressLine = blank(form.addressLine) ? v.addressLine() : form.addressLine;
        form.city = blank(form.city) ? v.city() : form.city;
        form.district = blank(form.district) ? v.district() : form.district;
        form.postalCode = blank(form.postalCode) ? v.postalCode() : form.postalCode;
    }

    static FieldErrors validate(RegistrationForm f) {
        FieldErrors e = new FieldErrors();
        if (f.sourceId == null || !UUID_TEXT.matcher(f.sourceId).matches()) {
            e.add("form", "expired");
        }
        List<String> given = givenNames(f.givenNames);
        if (given.isEmpty()) {
            e.add("givenNames", "required");
        } else if (given.size() > 6 || given.stream().anyMatch(n -> n.length() > 60)) {
            e.add("givenNames", "too_long");
        }
        text(e, "familyName", f.familyName, 100, true);
        text(e, "previousFamilyName", f.previousFamilyName, 100, false);
        if (blank(f.birthDate)) {
            e.add("birthDate", "required");
        } else {
            try {
                LocalDate d = LocalDate.parse(f.birthDate.trim());
                if (d.isAfter(LocalDate.now())) {
                    e.add("birthDate", "future");
                } else if (d.isBefore(OLDEST)) {
                    e.add("birthDate", "date");
                }
            } catch (DateTimeParseException bad) {
                e.add("birthDate", "date");
            }
        }
        if (blank(f.sex)) {
            e.add("sex", "required");
        } else if (!SEXES.contains(f.sex)) {
            e.add("sex", "choice");
        }
        pattern(e, "phone", f.phone, PHONE, "phone");
        text(e, "addressLine", f.addressLine, 200, false);
        text(e, "city", f.city, 100, false);
        text(e, "district", f.district, 100, false);
        pattern(e, "postalCode", f.postalCode, POSTAL, "postal");
        pattern(e, "nic", f.nic, NIC, "nic");
        pattern(e, "presentedPhn", f.presentedPhn, PHN, "phn");
        return e;
    }

    static PhnModels.Registration toRegistration(RegistrationForm f, VerifiedRecord v, String facility, PhnModels.Decision decision) {
        boolean address = !blank(f.addressLine) || !blank(f.city) || !blank(f.district) || !blank(f.postalCode);
        return new PhnModels.Registration(SOURCE_SYSTEM, f.sourceId, givenNames(f.givenNames), f.familyName.trim(),
                blank(f.previousFamilyName) ? null : List.of(f.previousFamilyName.trim()), LocalDate.parse(f.birthDate.trim()),
                f.isBirthDateEstimated(), f.sex, trim(f.phone),
                address ? new PhnModels.Address(trim(f.addressLine), trim(f.city), trim(f.district), trim(f.postalCode)) : null,
                trim(f.nic), v == null ? null : v.esignetSub(), trim(f.presentedPhn), facility, decision, false);
    }

    /** The claims compared with an existing PHN's record. */
    static PhnModels.Claims toClaims(RegistrationForm f) {
        return new PhnModels.Claims(givenNames(f.givenNames), f.familyName.trim(), LocalDate.parse(f.birthDate.trim()), f.sex,
                trim(f.phone), trim(f.district));
    }

    static List<String> givenNames(String text) {
        return blank(text) ? List.of() : Arrays.stream(text.trim().split("\\s+")).toList();
    }

    private static void text(FieldErrors e, String field, String value, int max, boolean required) {
        if (blank(value)) {
            if (required) {
                e.add(field, "required");
            }
        } else if (value.trim().length() > max) {
            e.add(field, "too_long");
        }
    }

    private static void pattern(FieldErrors e, String field, String value, Pattern pattern, String code) {
        if (!blank(value) && !pattern.matcher(value.trim()).matches()) {
            e.add(field, code);
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return blank(s) ? null : s.trim();
    }
}
