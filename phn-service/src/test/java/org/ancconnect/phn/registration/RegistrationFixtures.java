package org.ancconnect.phn.registration;

import java.util.Random;
import java.util.UUID;

/** Request bodies with names unique to the run, so tests never meet records left by earlier runs. */
public final class RegistrationFixtures {

    private static final Random RANDOM = new Random();
    private static final String CONSONANTS = "bcdfghjklmnprstvwyz";
    private static final String VOWELS = "aeiou";

    private RegistrationFixtures() {
    }

    /** A pronounceable name nobody else has. */
    public static String uniqueName() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(CONSONANTS.charAt(RANDOM.nextInt(CONSONANTS.length()))).append(VOWELS.charAt(RANDOM.nextInt(5)));
        }
        return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
    }

    static String sourceId() {
        return UUID.randomUUID().toString();
    }

    /** Mother born 1995-04-12: a NIC 1995603nnnnn agrees (day 103, February counted as 29 days, + 500 for a woman). */
    static String body(String sourceId, String given, String family, String extra) {
        return """
                {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["%s"],"familyName":"%s",
                 "birthDate":"1995-04-12","sex":"female","phone":"+94 77 %07d",
                 "address":{"line":"12 Temple Road","city":"Kandy","district":"Kandy"}%s}
                """.formatted(sourceId, given, family, Math.abs((given + family).hashCode()) % 10_000_000,
                extra.isEmpty() ? "" : "," + extra);
    }
}
