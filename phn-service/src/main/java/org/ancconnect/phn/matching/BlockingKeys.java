package org.ancconnect.phn.matching;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys, one per pass, each prefixed by its pass letter and {@link Normaliser#VERSION} so one btree
 * index serves them all and keys of two normaliser versions never meet by accident.
 *
 * <p>Every pass is selective at national scale (a name pass always carries a date or a place part, because
 * "Kumari Perera" alone is shared by thousands), and the passes are chosen so that a true match survives
 * any single corrupted field and most pairs of corrupted fields:
 * <ul>
 * <li>family name changed at marriage or misspelt: given name + date, given name + place;</li>
 * <li>given name misspelt or written as initials: family name + date, family name + place;</li>
 * <li>date of birth wrong: both names + day/month or + year, each name + place, date digits sorted
 *     (a transposition or a day/month swap keeps the same multiset of digits);</li>
 * <li>date and a name both wrong (FEBRL's hardest pairs, version 2): the other name + postcode or +
 *     suburb, the date + suburb, the date's sorted digits + the other name;</li>
 * <li>names swapped: name pairs are sorted;</li>
 * <li>the dwelling: house number + date, address line + district;</li>
 * <li>identifiers: phone, NIC hash.</li>
 * </ul>
 * Passes are equality lookups on a btree (no trigram pass: measured 0.3–0.9 s per query at 1M persons).
 */
public final class BlockingKeys {

    /**
     * Blocks larger than this give a candidate only when she shares a second key with the record. 100 from
     * {@code BlockingAtScale} at 1M persons (1 000 repeat visits): candidates per registration mean 403 -> 125,
     * p95 1 018 -> 265, and the true person still among them as often (0.986); at 50 one in 1 000 was lost.
     */
    public static final int SMALL_BLOCK = 100;

    private BlockingKeys() {
    }

    /**
     * The blocking query's candidate rule ({@code RegistryRepository.candidates}): a person sharing
     * {@code sharedKeys} keys with the record, the smallest of which holds {@code smallestBlock} persons, is
     * scored when she shares two keys, or one block of at most {@code smallBlock}. A namesake met once in a
     * common block ("Kumari" born 1995 in Gampaha) is not; her true record shares a second key or a rarer one.
     */
    public static boolean selected(int sharedKeys, int smallestBlock, int smallBlock) {
        return sharedKeys >= 2 || smallestBlock <= smallBlock;
    }

    public static Set<String> of(Prepared p) {
        Set<String> keys = new LinkedHashSet<>();
        String dob = p.birthDate();
        String year = dob.isEmpty() ? "" : dob.substring(0, 4);
        String suburb = Normaliser.phonetic(p.city().replace(" ", ""));
        String postcode = p.postcode();
        // The smallest known area: postcode, else suburb/city, else district (a midwife may record only that).
        String place = !postcode.isEmpty() ? postcode : !suburb.isEmpty() ? suburb : p.district().replace(" ", "");
        String sortedDob = sortedDigits(dob);
        for (Prepared.PName n : p.names()) {
            String fam = n.familyPhonetic();
            String giv = n.mainPhonetic();
            for (String[] name : new String[][] {{"F", "K", "E", "U", fam}, {"G", "C", "J", "V", giv}}) {
                String value = name[4];
                if (value.isEmpty()) {
                    continue;
                }
                add(keys, name[0], value, dob);
                add(keys, name[1], value, postcode);
                add(keys, name[2], value, suburb);
                add(keys, name[3], value, sortedDob);
            }
            if (!dob.isEmpty() && !place.isEmpty() && !n.initials().isEmpty() && !n.family().isEmpty()) {
                add(keys, "B", dob, place, n.initials().charAt(0) + "" + n.family().charAt(0));
            }
            if (!fam.isEmpty() && !giv.isEmpty()) {
                // Sorted so that given and family names swapped between sources still meet.
                String pair = giv.compareTo(fam) <= 0 ? giv + ":" + fam : fam + ":" + giv;
                if (!year.isEmpty()) {
                    add(keys, "Y", pair, year);
                    String md = dob.substring(4, 8);
                    String dm = dob.substring(6, 8) + dob.substring(4, 6);
                    // Day and month in a canonical order, so a day/month swap still meets.
                    add(keys, "M", pair, md.compareTo(dm) <= 0 ? md : dm);
                }
                add(keys, "Z", pair, place);
            }
            if (!year.isEmpty() && !place.isEmpty()) {
                // Date of birth partly wrong and one name misspelt: the other name, the year and the place meet.
                add(keys, "R", fam, year, place);
                add(keys, "S", giv, year, place);
            }
            if (!postcode.isEmpty() && fam.length() >= 2 && giv.length() >= 2) {
                add(keys, "A", postcode, fam.substring(0, 2) + giv.substring(0, 2));
            }
        }
        add(keys, "D", dob, postcode);
        add(keys, "T", dob, suburb);
        // The dwelling: its number with the date (a name changed and the other misspelt), and the whole
        // address line in the district (a household: a handful of persons, like a shared phone).
        add(keys, "H", dob, houseNumber(p.addressLine()));
        add(keys, "X", Normaliser.phonetic(p.addressLine().replace(" ", "")), p.district().replace(" ", ""));
        add(keys, "P", p.phone());
        add(keys, "I", p.otherId());
        return keys;
    }

    /** Adds {@code pass:part:part...} when every part is known. */
    private static void add(Set<String> keys, String pass, String... parts) {
        StringBuilder key = new StringBuilder(pass).append(Normaliser.VERSION);
        for (String part : parts) {
            if (part.isEmpty()) {
                return;
            }
            key.append(':').append(part);
        }
        keys.add(key.toString());
    }

    /** The first token of the address line when it is a number ("15 school lane"), else empty. */
    private static String houseNumber(String addressLine) {
        int space = addressLine.indexOf(' ');
        String first = space < 0 ? addressLine : addressLine.substring(0, space);
        return !first.isEmpty() && Character.isDigit(first.charAt(0)) ? first : "";
    }

    /** The date's digits in ascending order: survives transpositions and day/month swaps. */
    private static String sortedDigits(String dob) {
        if (dob.isEmpty()) {
            return "";
        }
        char[] c = dob.toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }
}
