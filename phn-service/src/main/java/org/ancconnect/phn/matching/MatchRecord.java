package org.ancconnect.phn.matching;

import java.util.List;

/**
 * The demographics matching compares, as received (not yet normalised). A registry person carries every
 * name she was ever registered under (maiden and married family names, initials form), so a record
 * matches her under any of them. Nulls mean unknown.
 *
 * @param names given names and family name pairs, current first
 * @param birthDate {@code yyyymmdd}; kept as text because sources send impossible dates that still carry evidence
 * @param birthDateEstimated the date was estimated from a stated age
 * @param sex female, male, other or unknown
 * @param otherId a further identifier compared by edit distance (FEBRL's soc_sec_id); the NIC is never here
 */
public record MatchRecord(List<Name> names, String birthDate, boolean birthDateEstimated, String sex, String phone,
        String streetNumber, String addressLine, String addressLine2, String city, String district, String postcode,
        String otherId) {

    /** One name form: given names as written (may be initials) and the family name. */
    public record Name(String given, String family) {
    }
}
