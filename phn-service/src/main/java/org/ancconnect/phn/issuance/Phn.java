package org.ancconnect.phn.issuance;

/**
 * A syntactically valid Personal Health Number in canonical form (upper case, no separators).
 *
 * @param poi point-of-issue code
 * @param body the permuted sequence value in the PHN alphabet
 * @param check the check character
 */
public record Phn(String poi, String body, char check) {

    /** The canonical value stored and compared: POI + body + check, no separators. */
    public String value() {
        return poi + body + check;
    }

    /** The printed form with separators, e.g. {@code CMBT-7K2D9X-4}. */
    public String display(String separator) {
        return poi + separator + body + separator + check;
    }
}
