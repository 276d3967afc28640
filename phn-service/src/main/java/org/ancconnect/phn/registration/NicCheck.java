package org.ancconnect.phn.registration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sri Lankan NIC rules: the number encodes the birth year and the day of the year, plus 500 for women.
 * Old format: {@code YYDDDnnnnV}; new format: {@code YYYYDDDnnnnn}. The day count treats February as
 * always having 29 days (Department for Registration of Persons convention). A NIC that contradicts the
 * stated birth date or sex is a typo or someone else's card, so it never links deterministically.
 */
public final class NicCheck {

    private static final int[] MONTH_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private NicCheck() {
    }

    /** Canonical form: the new 12-digit format (old numbers are widened with the century 19). */
    public static String canonical(String nic) {
        String n = nic.trim().toUpperCase(Locale.ROOT);
        if (n.length() == 10) {
            return "19" + n.substring(0, 5) + "0" + n.substring(5, 9);
        }
        return n;
    }

    /** Whether the NIC agrees with the birth date and sex ({@code female}/{@code male}; others are not checked). */
    public static boolean consistent(String nic, LocalDate birthDate, String sex) {
        String n = canonical(nic);
        int year = Integer.parseInt(n.substring(0, 4));
        int days = Integer.parseInt(n.substring(4, 7));
        boolean female = days > 500;
        if (female) {
            days -= 500;
        }
        int expected = birthDate.getDayOfMonth();
        for (int m = 0; m < birthDate.getMonthValue() - 1; m++) {
            expected += MONTH_DAYS[m];
        }
        boolean sexAgrees = !("female".equals(sex) || "male".equals(sex)) || female == "female".equals(sex);
        return year == birthDate.getYear() && days == expected && sexAgrees;
    }

    /** Keyed hash (HMAC-SHA256, hex) of the canonical NIC: comparable, not reversible without the key. */
    public static String hash(String nic, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical(nic).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
