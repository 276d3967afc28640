package org.ancconnect.portal.doctor;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ancconnect.portal.clients.IdentityModels;
import org.ancconnect.portal.nehr.Access;

/**
 * Decides whether the person who just verified with eSignet is the mother whose record the doctor asked for.
 * Primary rule: her verified eSignet subject equals an eSignet subject on her NEHR Patient (both are the pairwise
 * {@code sub} of the same relying party). A mother registered without eSignet has none; then her verified birth date
 * must equal the record's and her verified name must be the record's name (case, spacing, accents and word order
 * ignored). Anything else is refused: the doctor can still break the glass, with a reason.
 */
final class GrantVerification {

    /** The outcome and which rule decided it (shown to the doctor and kept out of logs). */
    enum Outcome {
        SUBJECT_MATCH, DEMOGRAPHICS_MATCH, SUBJECT_MISMATCH, DEMOGRAPHICS_MISMATCH;

        boolean granted() {
            return this == SUBJECT_MATCH || this == DEMOGRAPHICS_MATCH;
        }
    }

    private GrantVerification() {
    }

    static Outcome decide(IdentityModels.VerificationRecord verified, Access access) {
        if (!access.esignetSubjects().isEmpty()) {
            return verified.esignetSub() != null && access.esignetSubjects().contains(verified.esignetSub())
                    ? Outcome.SUBJECT_MATCH : Outcome.SUBJECT_MISMATCH;
        }
        IdentityModels.VerifiedClaims claims = verified.claims();
        if (claims == null || claims.birthDate() == null || access.patient().birthDate() == null
                || !claims.birthDate().equals(access.patient().birthDate())) {
            return Outcome.DEMOGRAPHICS_MISMATCH;
        }
        String claimed = claims.name() != null ? claims.name() : (claims.givenName() + " " + claims.familyName());
        return words(claimed).equals(words(access.patient().name())) ? Outcome.DEMOGRAPHICS_MATCH : Outcome.DEMOGRAPHICS_MISMATCH;
    }

    /** A name's words, lower-cased, accents folded, sorted (eSignet may give "PERERA Nimali" for "Nimali Perera"). */
    static String words(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).sorted().collect(Collectors.joining(" "));
    }
}
