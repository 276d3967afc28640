package org.ancconnect.phn.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns scored candidates into a decision: an automatic link only when the best candidate is probable
 * enough, clearly ahead of the runner-up, and no safety guard fires; review when a human should look;
 * otherwise a new person. The same code decides in the service and in the evaluation harness.
 *
 * <p>The probability decided on is the posterior that this candidate, rather than another candidate or
 * nobody, is the person: each candidate's pairwise posterior odds divided by one plus the sum of all
 * candidates' odds. With one candidate it equals the pairwise posterior; with several it respects that a
 * person is one golden record, so a near-certain match pushes a merely plausible namesake down instead
 * of both sitting above the threshold. Two plausible candidates share the mass and go to review, which
 * is what the margin rule asks for; the margin is still checked on these probabilities.
 */
public final class MatchDecider {

    /** Thresholds; see {@link MatchingConfig} for where the numbers come from. */
    public record Thresholds(double autoLink, double review, double margin, int maxBirthYearGap) {

        public static Thresholds of(MatchingConfig config) {
            return new Thresholds(config.autoLinkThreshold(), config.reviewThreshold(), config.margin(),
                    config.maxBirthYearGap());
        }
    }

    /**
     * A scored candidate with the facts the guards need.
     *
     * @param key the candidate person's id
     * @param score its score
     * @param doNotLink a human recorded that the incoming record's person and this one are different people
     * @param nicDisagrees both carry a NIC and the keyed hashes differ
     * @param identifierAgrees a personal identifier agrees: the eSignet sub or the NIC (not the phone, which
     *        households share)
     * @param birthYearGap absolute difference of birth years, or -1 when either is unknown
     */
    public record Candidate<K>(K key, MatchScore score, boolean doNotLink, boolean nicDisagrees,
            boolean identifierAgrees, int birthYearGap) {
    }

    /** A candidate with its probability among all candidates. */
    public record Ranked<K>(Candidate<K> candidate, double probability) {

        public K key() {
            return candidate.key();
        }
    }

    public enum Outcome { AUTO_LINK, REVIEW, NEW }

    /**
     * The decision.
     *
     * @param outcome what to do
     * @param best the best candidate, null when there is none
     * @param reasons why an otherwise automatic link went to review (guards, margin), empty otherwise
     * @param ranked candidates whose pairwise probability reaches the review threshold, best first
     */
    public record Decision<K>(Outcome outcome, Ranked<K> best, List<String> reasons, List<Ranked<K>> ranked) {
    }

    private final Thresholds thresholds;

    public MatchDecider(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public <K> Decision<K> decide(List<Candidate<K>> candidates) {
        List<Ranked<K>> ranked = rank(candidates);
        // Probability that the record is one of the candidates at all: two strong namesakes share it, and
        // together they still call for a human rather than a new PHN.
        double matchMass = ranked.stream().mapToDouble(Ranked::probability).sum();
        if (ranked.isEmpty() || matchMass < thresholds.review()) {
            return new Decision<>(Outcome.NEW, ranked.isEmpty() ? null : ranked.get(0), List.of(), List.of());
        }
        List<Ranked<K>> shown = ranked.stream()
                .filter(r -> r.candidate().score().probability() >= thresholds.review()).toList();
        Ranked<K> best = ranked.get(0);
        List<String> reasons = guards(best.candidate());
        double runnerUp = ranked.size() > 1 ? ranked.get(1).probability() : 0.0;
        boolean probable = best.probability() >= thresholds.autoLink();
        if (probable && best.probability() - runnerUp < thresholds.margin()) {
            reasons.add("runner-up within " + thresholds.margin() + " of the best candidate");
        }
        if (probable && reasons.isEmpty()) {
            return new Decision<>(Outcome.AUTO_LINK, best, List.of(), shown);
        }
        return new Decision<>(Outcome.REVIEW, best, List.copyOf(reasons), shown);
    }

    /** Candidates with their probabilities among each other, best first. */
    public static <K> List<Ranked<K>> rank(List<Candidate<K>> candidates) {
        double maxLogOdds = candidates.stream().mapToDouble(c -> c.score().logOdds()).max().orElse(0);
        // Scaled by the largest odds so that weights of 40+ bits do not overflow.
        double scale = Math.max(maxLogOdds, 0);
        double sum = Math.pow(2, -scale);
        for (Candidate<K> c : candidates) {
            sum += Math.pow(2, c.score().logOdds() - scale);
        }
        List<Ranked<K>> ranked = new ArrayList<>(candidates.size());
        for (Candidate<K> c : candidates) {
            ranked.add(new Ranked<>(c, Math.pow(2, c.score().logOdds() - scale) / sum));
        }
        ranked.sort(Comparator.comparingDouble((Ranked<K> r) -> -r.probability()));
        return ranked;
    }

    /** Safety guards: facts that forbid an automatic link whatever the score. */
    public <K> List<String> guards(Candidate<K> c) {
        List<String> reasons = new ArrayList<>();
        if (c.score().level(Field.SEX) == Field.SEX.disagree()) {
            reasons.add("sex differs");
        }
        if (c.nicDisagrees()) {
            reasons.add("NIC differs");
        }
        if (c.doNotLink()) {
            reasons.add("marked as a different person (do-not-link)");
        }
        if (c.birthYearGap() > thresholds.maxBirthYearGap() && !c.identifierAgrees()) {
            reasons.add("birth years " + c.birthYearGap() + " apart without an agreeing identifier");
        }
        return reasons;
    }
}
