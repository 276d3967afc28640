package org.ancconnect.portal.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** phn-service's JSON shapes (its README, "API"). */
public final class PhnModels {

    private PhnModels() {
    }

    /** A registration or resolve request; {@code sourceSystem}+{@code sourceId} is the idempotency key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registration(String sourceSystem, String sourceId, List<String> givenNames, String familyName,
            List<String> previousFamilyNames, LocalDate birthDate, boolean birthDateEstimated, String sex, String phone,
            Address address, String nic, String esignetSub, String presentedPhn, String facility, Decision decision,
            boolean test) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String line, String city, String district, String postalCode) {
    }

    /** The midwife's own decision: LINK to {@code phn}, or NEW. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String action, String phn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String phn, UUID personId, String outcome, String basis, Double probability, UUID reviewId,
            boolean replayed, List<String> reasons, List<Candidate> candidates, String parametersVersion) {
    }

    /** A candidate with the per-field explanation of its score. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(String phn, double probability, double pairwiseProbability, double weight, String givenNames,
            String familyName, LocalDate birthDate, String district, List<Contribution> contributions, List<String> guards) {
    }

    /** One field's comparison level and its weight in bits. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contribution(String field, String level, double weight, boolean termFrequencyAdjusted) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String phn, UUID personId, String requestedPhn, String givenNames, String familyName,
            LocalDate birthDate, boolean birthDateEstimated, String sex, String phone, String addressLine, String city,
            String district, String postalCode, boolean nicPresent, boolean esignetLinked, String facility) {
    }

    /** Claims to compare with a PHN record field by field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Claims(List<String> givenNames, String familyName, LocalDate birthDate, String sex, String phone,
            String district) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comparison(Person person, double probability, List<Contribution> fields) {
    }

    /** A review decision: SAME_PERSON (with the candidate's phn) or DIFFERENT_PERSONS. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewDecision(String resolution, String phn) {
    }

    public record Merge(String duplicatePhn, String reason) {
    }

    public record Unmerge(String duplicatePhn) {
    }
}
