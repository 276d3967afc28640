package org.ancconnect.phn.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * A golden record as stored, with every name form it was registered under.
 *
 * @param names every (given names, family name) seen, the current one first
 * @param nicHash keyed hash of the NIC, never the NIC
 */
public record PersonRow(UUID id, String phn, String status, UUID mergedInto, String givenNames, String familyName,
        LocalDate birthDate, boolean birthDateEstimated, String sex, String phone, String addressLine, String city,
        String district, String postalCode, String nicHash, String esignetSub, String facility,
        List<MatchRecord.Name> names) {

    /** What the matcher compares: all name forms, the NIC hash as the identifier field. */
    public MatchRecord toMatchRecord() {
        List<MatchRecord.Name> all = new ArrayList<>();
        all.add(new MatchRecord.Name(givenNames, familyName));
        for (MatchRecord.Name n : names) {
            if (!all.contains(n)) {
                all.add(n);
            }
        }
        return new MatchRecord(all, birthDate.toString(), birthDateEstimated, sex, phone, null, addressLine, null, city,
                district, postalCode, nicHash);
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
