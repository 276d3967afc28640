package org.ancconnect.phn.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ancconnect.phn.matching.MatchDecider;
import org.ancconnect.phn.matching.MatchScore;
import org.ancconnect.phn.registry.PersonRow;

/**
 * What a registration (or a resolve dry run) decided, with the explanation the midwife sees.
 *
 * @param phn the person's PHN, printed with separators; null for a resolve that would issue a new one
 * @param outcome what happened (or would happen)
 * @param basis why: the deterministic rule that linked, or the probabilistic decision
 * @param probability the decision probability of the linked or best candidate
 * @param reviewId the review item opened for this registration
 * @param replayed the source record was already registered: this is the stored answer
 * @param parametersVersion the m/u parameter set that scored the candidates
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationResult(String phn, UUID personId, Outcome outcome, String basis, Double probability,
        UUID reviewId, boolean replayed, List<String> reasons, List<CandidateView> candidates, String parametersVersion) {

    public enum Outcome {
        /** Linked by an identifier (eSignet sub, NIC consistent with DOB/sex, PHN confirmed by demographics). */
        LINKED_DETERMINISTIC,
        /** Linked automatically by the probabilistic matcher. */
        LINKED_AUTO,
        /** Linked by the midwife's decision. */
        LINKED_MANUAL,
        /** New person and PHN. */
        NEW,
        /** New person and PHN, with a review item because a candidate was close. */
        NEW_PENDING_REVIEW,
        /** New person by the midwife's decision. */
        NEW_MANUAL
    }

    /**
     * A candidate with its explanation.
     *
     * @param probability probability that she is this person rather than another candidate or nobody
     * @param pairwiseProbability posterior on this pair alone
     * @param weight total match weight in bits
     */
    public record CandidateView(String phn, double probability, double pairwiseProbability, double weight,
            String givenNames, String familyName, LocalDate birthDate, String district,
            List<MatchScore.Contribution> contributions, List<String> guards) {

        static CandidateView of(MatchDecider.Ranked<UUID> ranked, PersonRow p, String phn, List<String> guards) {
            MatchScore s = ranked.candidate().score();
            return new CandidateView(phn, round(ranked.probability()), round(s.probability()), round(s.weight()),
                    p.givenNames(), p.familyName(), p.birthDate(), p.district(), s.contributions(), guards);
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }
}
