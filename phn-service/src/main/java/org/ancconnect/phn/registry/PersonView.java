package org.ancconnect.phn.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * A person's golden record as the API shows it: demographics for the side-by-side comparison, never the
 * NIC (only whether one is on file).
 *
 * @param requestedPhn the PHN asked for, when it was retired by a merge and resolved to this survivor
 * @param names every name form she was registered under
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(String phn, UUID personId, String requestedPhn, String givenNames, String familyName,
        List<MatchRecord.Name> names, LocalDate birthDate, boolean birthDateEstimated, String sex, String phone,
        String addressLine, String city, String district, String postalCode, boolean nicPresent,
        boolean esignetLinked, String facility) {

    static PersonView of(PersonRow p, String displayPhn, String requestedPhn) {
        return new PersonView(displayPhn, p.id(), requestedPhn, p.givenNames(), p.familyName(), p.names(),
                p.birthDate(), p.birthDateEstimated(), p.sex(), p.phone(), p.addressLine(), p.city(), p.district(),
                p.postalCode(), p.nicHash() != null, p.esignetSub() != null, p.facility());
    }
}
