package org.ancconnect.phn.issuance;

/**
 * Check-character algorithms a PHN format may use. Both are computed over the PHN without separators
 * (POI followed by body).
 */
public enum CheckAlgorithm {

    /**
     * Regenstrief/OpenMRS "modified Luhn": every character is mapped to {@code char - '0'} (so letters
     * become numbers above 9), then the ordinary Luhn mod-10 sum is taken, giving one decimal digit. It is
     * what OpenMRS-based systems in the region validate, but it misses some single-character
     * substitutions between letters whose codes differ by 10 (e.g. B/L): matching must not trust a
     * presented PHN without demographic confirmation.
     */
    MODIFIED_LUHN {
        @Override
        char compute(CharSequence payload, String alphabet) {
            int sum = 0;
            boolean doubleIt = true;
            for (int i = payload.length() - 1; i >= 0; i--) {
                int value = Character.toUpperCase(payload.charAt(i)) - '0';
                if (doubleIt) {
                    value *= 2;
                }
                // Luhn adds the decimal digits of each (possibly doubled) value; values above 9 come from letters.
                while (value > 0) {
                    sum += value % 10;
                    value /= 10;
                }
                doubleIt = !doubleIt;
            }
            return (char) ('0' + (10 - sum % 10) % 10);
        }
    },

    /**
     * Luhn mod N over the PHN alphabet: the check character is itself from the alphabet and every
     * single-character substitution and adjacent transposition is detected. Not the NDHGS default.
     */
    LUHN_MOD_N {
        @Override
        char compute(CharSequence payload, String alphabet) {
            int n = alphabet.length();
            int factor = 2;
            int sum = 0;
            for (int i = payload.length() - 1; i >= 0; i--) {
                int code = alphabet.indexOf(Character.toUpperCase(payload.charAt(i)));
                if (code < 0) {
                    throw new IllegalArgumentException("character outside the PHN alphabet");
                }
                int addend = factor * code;
                factor = factor == 2 ? 1 : 2;
                sum += addend / n + addend % n;
            }
            return alphabet.charAt((n - sum % n) % n);
        }
    };

    /** The check character for {@code payload} (POI + body, no separators). */
    abstract char compute(CharSequence payload, String alphabet);
}
