package org.ancconnect.phn.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchDeciderTest {

    private final MatchDecider decider = new MatchDecider(new MatchDecider.Thresholds(0.95, 0.75, 0.10, 10));

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

    private static MatchDecider.Candidate<String> candidate(String key, double logOdds, boolean sexDiffers) {
        int[] levels = new int[Field.values().length];
        levels[Field.SEX.ordinal()] = sexDiffers ? Field.SEX.disagree() : 1;
        MatchScore score = new MatchScore(1 / (1 + Math.pow(2, -logOdds)), logOdds, logOdds, List.of(), levels);
        return new MatchDecider.Candidate<>(key, score, false, false, false, 0);
    }
}
