package org.ancconnect.phn.matching;

import java.util.List;

/**
 * A {@link MatchRecord} after {@link Normaliser#prepare}: folded, tokenised and phonetically coded. Empty
 * strings mean unknown.
 */
public record Prepared(List<PName> names, String birthDate, boolean birthDateEstimated, String sex, String phone,
        String streetNumber, String addressLine, String addressLine2, String city, String district, String postcode,
        String otherId) {

    /**
     * One name form.
     *
     * @param given folded given names as written
     * @param fullGiven given-name tokens longer than one letter
     * @param initials first letter of every given-name token ("W. M. Kumari" gives "wmk")
     * @param main the last full given name, the one people are called by
     * @param mainPhonetic phonetic code of {@code main}
     * @param family folded family name
     * @param familyPhonetic phonetic code of the family name
     */
    public record PName(String given, List<String> fullGiven, String initials, String main, String mainPhonetic,
            String family, String familyPhonetic) {
    }
}
