package org.ancconnect.phn.registration;

import java.util.ArrayList;
import java.util.List;
import org.ancconnect.phn.issuance.Phn;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * A validated registration: the request plus what was derived from it (NIC hash and consistency, parsed
 * PHNs, the record the matcher compares).
 */
record RegistrationInput(RegistrationRequest request, String nicHash, boolean nicConsistent, Phn presentedPhn,
        Phn chosenPhn) {

    String givenNames() {
        return String.join(" ", request.givenNames().stream().map(String::trim).toList());
    }

    /** Every name form she gave: current, then each earlier family name with the same given names. */
    List<MatchRecord.Name> names() {
        List<MatchRecord.Name> names = new ArrayList<>();
        names.add(new MatchRecord.Name(givenNames(), request.familyName().trim()));
        if (request.previousFamilyNames() != null) {
            request.previousFamilyNames().forEach(f -> names.add(new MatchRecord.Name(givenNames(), f.trim())));
        }
        return names;
    }

    MatchRecord matchRecord() {
        RegistrationRequest.Address a = request.address();
        return new MatchRecord(names(), request.birthDate().toString(), request.birthDateEstimated(),
                request.sex().code(), request.phone(), null, a == null ? null : a.line(), null,
                a == null ? null : a.city(), a == null ? null : a.district(), a == null ? null : a.postalCode(),
                nicConsistent ? nicHash : null);
    }
}
