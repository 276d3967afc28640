package org.ancconnect.phn.registration;

import java.util.List;
import org.ancconnect.phn.registry.PersonRow;

/**
 * What the registry would do with a registration, before anything is written.
 *
 * @param outcome the outcome
 * @param person the person to link to; null for a new person
 * @param linkKind AUTO or MANUAL for links (deterministic links are AUTO with probability 1)
 * @param probability decision probability, null for deterministic and manual decisions
 * @param basis human-readable rule or decision
 * @param reasons guards or margin that sent an automatic link to review
 * @param candidates explained candidates
 * @param parametersVersion m/u parameter set used, null when matching did not run
 */
record Resolution(RegistrationResult.Outcome outcome, PersonRow person, String linkKind, Double probability,
        String basis, List<String> reasons, List<RegistrationResult.CandidateView> candidates,
        String parametersVersion) {

    boolean links() {
        return person != null;
    }
}
