package org.ancconnect.phn.matching;

/**
 * Computes the agreement level of every {@link Field} for a pair of prepared records. Names are compared
 * over every name form of both sides (a person keeps her maiden name, married name and initials form),
 * and the best-agreeing pair of forms is used.
 */
public final class FieldComparisons {

    /**
     * Version of the comparison semantics, part of a parameter set's version: parameters estimated under one
     * version do not fit the levels of another. Version 2: a date estimated from an age only ever agrees as
     * "estimated" (an estimated 1 January that happens to equal her real date is not an exact agreement).
     */
    public static final int VERSION = 2;

    private FieldComparisons() {
    }

    /** Levels indexed by {@link Field#ordinal()}; {@code names[0..1]} receive the best name forms compared. */
    public static int[] compare(Prepared a, Prepared b, Prepared.PName[] names) {
        int[] v = new int[Field.ALL.length];
        int bestGiven = Field.MISSING;
        int bestFamily = Field.MISSING;
        int bestRank = Integer.MAX_VALUE;
        for (Prepared.PName na : a.names()) {
            for (Prepared.PName nb : b.names()) {
                int g = given(na, nb);
                int f = family(na.family(), na.familyPhonetic(), nb.family(), nb.familyPhonetic());
                if (g == Field.GIVEN_NAME.disagree() && f == Field.FAMILY_NAME.disagree()) {
                    // Given and family names swapped between sources.
                    int g2 = family(na.main(), na.mainPhonetic(), nb.family(), nb.familyPhonetic());
                    int f2 = family(na.family(), na.familyPhonetic(), nb.main(), nb.mainPhonetic());
                    if (g2 <= 2 && g2 > 0 && f2 <= 2 && f2 > 0) {
                        g = 3;
                        f = 3;
                    }
                }
                int rank = rank(g, Field.GIVEN_NAME) + rank(f, Field.FAMILY_NAME);
                if (rank < bestRank) {
                    bestRank = rank;
                    bestGiven = g;
                    bestFamily = f;
                    if (names != null) {
                        names[0] = na;
                        names[1] = nb;
                    }
                }
            }
        }
        v[Field.GIVEN_NAME.ordinal()] = bestGiven;
        v[Field.FAMILY_NAME.ordinal()] = bestFamily;
        v[Field.BIRTH_DATE.ordinal()] = birthDate(a, b);
        v[Field.SEX.ordinal()] = exact(a.sex(), b.sex(), Field.SEX);
        v[Field.PHONE.ordinal()] = oneEdit(a.phone(), b.phone());
        v[Field.STREET_NUMBER.ordinal()] = exact(a.streetNumber(), b.streetNumber(), Field.STREET_NUMBER);
        v[Field.ADDRESS_LINE.ordinal()] = text(a.addressLine(), b.addressLine());
        v[Field.ADDRESS_LINE2.ordinal()] = text(a.addressLine2(), b.addressLine2());
        v[Field.CITY.ordinal()] = city(a.city(), b.city());
        v[Field.DISTRICT.ordinal()] = exact(a.district(), b.district(), Field.DISTRICT);
        v[Field.POSTCODE.ordinal()] = oneEdit(a.postcode(), b.postcode());
        v[Field.OTHER_ID.ordinal()] = oneEdit(a.otherId(), b.otherId());
        return v;
    }

    /**
     * Whether the given names are another woman's rather than a misspelling of hers: both sides carry a full
     * given name, and no pair of their name forms has main (called) names that are equal, one edit apart
     * (keyboard, OCR and typing slips), transliteration variants (same phonetic code after folding), a
     * given/family swap, or a single-name form contained in the other's names. Twins and sisters share a
     * birth date or a household and a family name, and their given names are alike ("Nimali", "Nimalika"):
     * Jaro–Winkler rates such pairs as close as a typo, this test does not.
     */
    public static boolean givenNamesDistinct(Prepared a, Prepared b) {
        boolean compared = false;
        for (Prepared.PName na : a.names()) {
            for (Prepared.PName nb : b.names()) {
                if (na.main().isEmpty() || nb.main().isEmpty()) {
                    continue;
                }
                compared = true;
                if (na.main().equals(nb.main()) || Similarity.withinOneEdit(na.main(), nb.main())
                        || na.mainPhonetic().equals(nb.mainPhonetic()) && Similarity.jaroWinkler(na.main(), nb.main()) >= 0.80
                        || sameName(na.main(), nb.family()) && sameName(na.family(), nb.main())
                        || na.fullGiven().size() == 1 && nb.fullGiven().stream().anyMatch(t -> sameName(t, na.main()))
                        || nb.fullGiven().size() == 1 && na.fullGiven().stream().anyMatch(t -> sameName(t, nb.main()))) {
                    return false;
                }
            }
        }
        return compared;
    }

    /** Equal, one edit apart, or the same phonetic code with some spelling agreement (folded names). */
    static boolean sameName(String x, String y) {
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        return x.equals(y) || Similarity.withinOneEdit(x, y)
                || Normaliser.phonetic(x).equals(Normaliser.phonetic(y)) && Similarity.jaroWinkler(x, y) >= 0.80;
    }

    /**
     * Both address lines start with a house number (or carry a street number) and the numbers differ: the
     * same street, another dwelling ("215 Station Road", "217 Station Road").
     */
    public static boolean houseNumbersDiffer(Prepared a, Prepared b) {
        String x = houseNumber(a);
        String y = houseNumber(b);
        return !x.isEmpty() && !y.isEmpty() && !x.equals(y);
    }

    private static String houseNumber(Prepared p) {
        if (!p.streetNumber().isEmpty()) {
            return p.streetNumber();
        }
        String line = p.addressLine();
        int end = 0;
        while (end < line.length() && (Character.isDigit(line.charAt(end)) || line.charAt(end) == '/')) {
            end++;
        }
        return end > 0 && (end == line.length() || line.charAt(end) == ' ') ? line.substring(0, end) : "";
    }

    /** Absolute difference of birth years, or -1 when either is unknown. */
    public static int birthYearGap(Prepared a, Prepared b) {
        if (a.birthDate().isEmpty() || b.birthDate().isEmpty()) {
            return -1;
        }
        return Math.abs(Integer.parseInt(a.birthDate().substring(0, 4)) - Integer.parseInt(b.birthDate().substring(0, 4)));
    }

    /** Missing ranks between agreement and disagreement, so a known agreement beats an unknown. */
    private static int rank(int level, Field field) {
        return level == Field.MISSING ? field.disagree() - 1 : level - 1;
    }

    static int given(Prepared.PName a, Prepared.PName b) {
        if (a.given().isEmpty() || b.given().isEmpty()) {
            return Field.MISSING;
        }
        if (a.given().equals(b.given())) {
            return 1;
        }
        if (!a.main().isEmpty() && !b.main().isEmpty()) {
            double best = 0;
            for (String ta : a.fullGiven()) {
                for (String tb : b.fullGiven()) {
                    best = Math.max(best, Similarity.jaroWinkler(ta, tb));
                }
            }
            boolean initialsAgree = a.initials().equals(b.initials());
            // Phonetic codes of short names collide ("noah", "nathan"): phonetic agreement also needs some spelling agreement.
            boolean phonetic = a.mainPhonetic().equals(b.mainPhonetic())
                    && Similarity.jaroWinkler(a.main(), b.main()) >= 0.80;
            if (best == 1.0 && initialsAgree || best >= 0.94 || phonetic) {
                // "W. M. Kumari" and "Wijesinghe Mudiyanselage Kumari": same person name, GE name as initials.
                return 2;
            }
            if (best >= 0.85) {
                return 3;
            }
        }
        if ((a.fullGiven().isEmpty() || b.fullGiven().isEmpty()) && !a.initials().isEmpty() && !b.initials().isEmpty()
                && a.initials().charAt(0) == b.initials().charAt(0)) {
            return 4;
        }
        return 5;
    }

    static int family(String a, String aPhon, String b, String bPhon) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.MISSING;
        }
        if (a.equals(b)) {
            return 1;
        }
        double jw = Similarity.jaroWinkler(a, b);
        if (jw >= 0.94 || aPhon.equals(bPhon) && jw >= 0.80) {
            return 2;
        }
        return jw >= 0.85 ? 3 : 4;
    }

    static int birthDate(Prepared a, Prepared b) {
        String x = a.birthDate();
        String y = b.birthDate();
        if (x.isEmpty() || y.isEmpty()) {
            return Field.MISSING;
        }
        int gap = Math.abs(Integer.parseInt(x.substring(0, 4)) - Integer.parseInt(y.substring(0, 4)));
        if (a.birthDateEstimated() || b.birthDateEstimated()) {
            // An age stated as "about 30" turns into a date within a couple of years of the true one (often
            // 1 January of a year): whatever digits it shares with a real date are chance, so it agrees only
            // as an estimate, never as an exact, swapped or one-digit date.
            return gap <= 3 ? 4 : 5;
        }
        if (x.equals(y)) {
            return 1;
        }
        if (x.substring(0, 4).equals(y.substring(0, 4)) && x.substring(4, 6).equals(y.substring(6, 8))
                && x.substring(6, 8).equals(y.substring(4, 6))) {
            return 2;
        }
        if (Similarity.withinOneEdit(x, y)) {
            return 3;
        }
        // Two real dates that differ in more than one digit are different dates, however close.
        return 5;
    }

    private static int exact(String a, String b, Field field) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.MISSING;
        }
        return a.equals(b) ? 1 : field.disagree();
    }

    private static int oneEdit(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.MISSING;
        }
        if (a.equals(b)) {
            return 1;
        }
        return Similarity.withinOneEdit(a, b) ? 2 : 3;
    }

    private static int text(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.MISSING;
        }
        if (a.equals(b)) {
            return 1;
        }
        double jw = Similarity.jaroWinkler(a, b);
        return jw >= 0.90 ? 2 : jw >= 0.80 ? 3 : 4;
    }

    private static int city(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.MISSING;
        }
        if (a.equals(b)) {
            return 1;
        }
        return Similarity.jaroWinkler(a, b) >= 0.90 ? 2 : 3;
    }
}
