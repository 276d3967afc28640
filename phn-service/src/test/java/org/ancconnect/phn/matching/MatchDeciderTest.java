package org.ancconnect.phn.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchDeciderTest {

    private final MatchDecider decider = new MatchDecider(new MatchDecider.Thresholds(0.95, 0.75, 0.10, 10, 12, true));

    @Test
    void aClearBestCandidateIsLinked() {
        var d = decider.decide(List.of(candidate("a", 20, false), candidate("b", 1, false)));
        assertThat(d.outcome()).isEqualTo(MatchDecider.Outcome.AUTO_LINK);
        assertThat(d.best().key()).isEqualTo("a");
    }

    @Test
    void twoStrongCandidatesShareTheProbabilityAndGoToReview() {
        var d = decider.decide(List.of(candidate("a", 20, false), candidate("b", 19.5, false)));
        assertThat(d.outcome()).isEqualTo(MatchDecider.Outcome.REVIEW);
        assertThat(d.ranked()).extracting(MatchDecider.Ranked::key).containsExactly("a", "b");
        assertThat(d.best().probability()).isLessThan(0.75);
    }

    @Test
    void guardsTurnAnAutomaticLinkIntoReview() {
        var d = decider.decide(List.of(candidate("a", 20, true)));
        assertThat(d.outcome()).isEqualTo(MatchDecider.Outcome.REVIEW);
        assertThat(d.reasons()).containsExactly("sex differs");
    }

    @Test
    void weakEvidenceGivesANewPerson() {
        assertThat(decider.decide(List.of(candidate("a", -5, false))).outcome()).isEqualTo(MatchDecider.Outcome.NEW);
        assertThat(decider.decide(List.<MatchDecider.Candidate<String>>of()).outcome())
                .isEqualTo(MatchDecider.Outcome.NEW);
    }

    @Test
    void aSingleCandidateKeepsItsPairwiseProbability() {
        var ranked = MatchDecider.rank(List.of(candidate("a", 2, false)));
        assertThat(ranked.get(0).probability()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aDifferentValidNicRulesTheCandidateOutWithoutReview() {
        var c = candidate("a", 20, false);
        var d = decider.decide(List.of(new MatchDecider.Candidate<>("a", c.score(), false, true, false, 0)));
        assertThat(d.outcome()).isEqualTo(MatchDecider.Outcome.NEW);
        assertThat(d.reasons()).containsExactly("a close candidate holds a different NIC");
    }

    @Test
    void twinsAreDifferentPersonsAndHouseholdMembersUnderAnotherBirthDateGoToReview() {
        int[] twin = levels(Field.GIVEN_NAME.disagree(), 1, 1);
        var d = decider.decide(List.of(scored("a", 20, twin, 0)));
        assertThat(d.outcome()).isEqualTo(MatchDecider.Outcome.NEW);
        assertThat(d.reasons()).singleElement().asString().contains("twin");

        int[] sister = levels(1, Field.BIRTH_DATE.disagree(), 1);
        var s = decider.decide(List.of(scored("a", 20, sister, 3)));
        assertThat(s.outcome()).isEqualTo(MatchDecider.Outcome.REVIEW);
        assertThat(s.reasons()).singleElement().asString().contains("another member of the household");
    }

    @Test
    void aGivenNameBeyondATypoUnderTheSameBirthDateAndFamilyGoesToReview() {
        int[] alike = levels(2, 1, Field.MISSING);
        var twin = decider.decide(List.of(withFacts(scored("a", 20, alike, 0), true)));
        assertThat(twin.outcome()).isEqualTo(MatchDecider.Outcome.REVIEW);
        assertThat(twin.reasons()).singleElement().asString().contains("twin or sister");
        // the same evidence with a given name that is a misspelling of hers links
        assertThat(decider.decide(List.of(withFacts(scored("a", 20, alike, 0), false))).outcome())
                .isEqualTo(MatchDecider.Outcome.AUTO_LINK);
        // an agreeing identifier settles it
        var c = withFacts(scored("a", 20, alike, 0), true);
        assertThat(decider.decide(List.of(new MatchDecider.Candidate<>("a", c.score(), false, false, true, 0))).outcome())
                .isEqualTo(MatchDecider.Outcome.AUTO_LINK);
    }

    private static MatchDecider.Candidate<String> withFacts(MatchDecider.Candidate<String> c, boolean distinctNames) {
        MatchScore s = c.score();
        return new MatchDecider.Candidate<>(c.key(), new MatchScore(s.probability(), s.weight(), s.logOdds(),
                s.contributions(), s.levels(), distinctNames, false), false, false, false, c.birthYearGap());
    }

    @Test
    void aBirthYearGapIsOutweighedOnlyByRareNames() {
        int[] levels = levels(1, Field.BIRTH_DATE.disagree(), Field.MISSING);
        var common = decider.decide(List.of(scored("a", 20, levels, 30, 5)));
        assertThat(common.outcome()).isEqualTo(MatchDecider.Outcome.REVIEW);
        var rare = decider.decide(List.of(scored("a", 20, levels, 30, 13)));
        assertThat(rare.outcome()).isEqualTo(MatchDecider.Outcome.AUTO_LINK);
    }

    private static int[] levels(int given, int birthDate, int phone) {
        int[] levels = new int[Field.values().length];
        levels[Field.SEX.ordinal()] = 1;
        levels[Field.GIVEN_NAME.ordinal()] = given;
        levels[Field.FAMILY_NAME.ordinal()] = 1;
        levels[Field.BIRTH_DATE.ordinal()] = birthDate;
        levels[Field.PHONE.ordinal()] = phone;
        return levels;
    }

    private static MatchDecider.Candidate<String> scored(String key, double logOdds, int[] levels, int gap) {
        return scored(key, logOdds, levels, gap, 0);
    }

    /** A candidate whose given and family names together carry {@code nameBits}. */
    private static MatchDecider.Candidate<String> scored(String key, double logOdds, int[] levels, int gap,
            double nameBits) {
        List<MatchScore.Contribution> contributions = List.of(
                new MatchScore.Contribution(Field.GIVEN_NAME, "exact", nameBits / 2, false),
                new MatchScore.Contribution(Field.FAMILY_NAME, "exact", nameBits / 2, false));
        MatchScore score = new MatchScore(1 / (1 + Math.pow(2, -logOdds)), logOdds, logOdds, contributions, levels);
        return new MatchDecider.Candidate<>(key, score, false, false, false, gap);
    }

    private static MatchDecider.Candidate<String> candidate(String key, double logOdds, boolean sexDiffers) {
        int[] levels = new int[Field.values().length];
        levels[Field.SEX.ordinal()] = sexDiffers ? Field.SEX.disagree() : 1;
        MatchScore score = new MatchScore(1 / (1 + Math.pow(2, -logOdds)), logOdds, logOdds, List.of(), levels);
        return new MatchDecider.Candidate<>(key, score, false, false, false, 0);
    }
}
