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
    public record Thresholds(double autoLink, double review, double margin, int maxBirthYearGap,
            double birthYearGapNameEvidence, boolean householdRules) {

        public static Thresholds of(MatchingConfig config) {
            return new Thresholds(config.autoLinkThreshold(), config.reviewThreshold(), config.margin(),
                    config.maxBirthYearGap(), config.birthYearGapNameEvidence(), config.householdRules());
        }
    }

    /**
     * A scored candidate with the facts the guards need.
     *
     * @param key the candidate person's id
     * @param score its score
     * @param doNotLink a human recorded that the incoming record's person and this one are different people
     * @param nicDisagrees both carry a NIC consistent with their birth date and sex (only such NICs are kept)
     *        and the keyed hashes differ
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
        List<Candidate<K>> possible = new ArrayList<>(candidates.size());
        List<String> ruledOut = new ArrayList<>();
        for (Candidate<K> c : candidates) {
            String why = ruledOut(c);
            if (why == null) {
                possible.add(c);
            } else if (c.score().probability() >= thresholds.review()) {
                ruledOut.add(why);
            }
        }
        List<Ranked<K>> ranked = rank(possible);
        // Probability that the record is one of the candidates at all: two strong namesakes share it, and
        // together they still call for a human rather than a new PHN.
        double matchMass = ranked.stream().mapToDouble(Ranked::probability).sum();
        if (ranked.isEmpty() || matchMass < thresholds.review()) {
            return new Decision<>(Outcome.NEW, ranked.isEmpty() ? null : ranked.get(0), List.copyOf(ruledOut),
                    List.of());
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

    /**
     * Facts that make a candidate a different person whatever the score, so that she is neither linked nor
     * sent to review: a NIC that differs (both NICs are valid and agree with their holder's birth date and
     * sex, so two of them are two people; a NIC typo that keeps that consistency is the accepted cost), and
     * twins: the same birth date in the same household under a given name that disagrees outright, with no
     * identifier agreeing (a duplicate of one person rarely changes the given name entirely; twins always do).
     */
    private <K> String ruledOut(Candidate<K> c) {
        if (c.nicDisagrees()) {
            return "a close candidate holds a different NIC";
        }
        if (thresholds.householdRules() && possibleTwin(c.score())
                && c.score().level(Field.GIVEN_NAME) == Field.GIVEN_NAME.disagree() && !c.identifierAgrees()) {
            return "a close candidate is a likely twin (same birth date and household, another given name)";
        }
        return null;
    }

    /** Same birth date (or its day/month swap) and the same dwelling: the pattern of twins. */
    private static boolean possibleTwin(MatchScore s) {
        int dob = s.level(Field.BIRTH_DATE);
        return (dob == 1 || dob == 2) && sameHousehold(s);
    }

    /**
     * A dwelling-level field (phone, address) agrees exactly or by one edit; an address line alike under
     * another house number is the same street, not the same dwelling.
     */
    private static boolean sameHousehold(MatchScore s) {
        for (Field f : MatchParameters.HOUSEHOLD) {
            int level = s.level(f);
            if (level != Field.MISSING && level <= 2 && level < f.disagree()
                    && !(s.houseNumbersDiffer() && (f == Field.ADDRESS_LINE || f == Field.ADDRESS_LINE2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a score rests on what relatives share or on a vague date, measured on the synthetic population
     * as mostly false links (README, "Matching"): a household member under another birth date or under
     * another given name, and an estimated birth date (it
     * fits anyone within three years) with nothing but names and district to confirm her.
     */
    private List<String> householdGuards(MatchScore s) {
        List<String> reasons = new ArrayList<>();
        int dob = s.level(Field.BIRTH_DATE);
        boolean household = sameHousehold(s);
        if (household && dob == Field.BIRTH_DATE.disagree()) {
            // No name evidence lifts this one: a mother and her daughter of the same name share the dwelling.
            reasons.add("same household, another birth date: another member of the household?");
        }
        if (household && s.level(Field.GIVEN_NAME) == Field.GIVEN_NAME.disagree()) {
            reasons.add("same household, another given name: another member of the household?");
        } else if ((dob == 1 || dob == 2) && s.givenNamesDistinct()
                && (household || s.level(Field.FAMILY_NAME) == 1 || s.level(Field.FAMILY_NAME) == 2)) {
            // Twins share all of it but the given name, and twins' names are often alike (Nimali, Nimalika):
            // only a given name that is hers, or a slip of the pen away, lets the rest of the evidence speak.
            reasons.add("same birth date and " + (household ? "household" : "family name")
                    + ", a given name that is not a misspelling of hers: a twin or sister?");
        }
        if (!household && dob == 4) {
            reasons.add("birth date estimated from an age, and no identifier, phone or address confirms her");
        }
        return reasons;
    }

    /** Weight of the name fields alone: what still identifies her when the birth date does not. */
    static double nameEvidence(MatchScore s) {
        return s.contributions().stream()
                .filter(c -> c.field() == Field.GIVEN_NAME || c.field() == Field.FAMILY_NAME)
                .mapToDouble(MatchScore.Contribution::weight).sum();
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
        if (thresholds.householdRules() && !c.identifierAgrees()) {
            reasons.addAll(householdGuards(c.score()));
        }
        if (c.birthYearGap() > thresholds.maxBirthYearGap() && !c.identifierAgrees()
                && nameEvidence(c.score()) < thresholds.birthYearGapNameEvidence()) {
            reasons.add("birth years " + c.birthYearGap() + " apart without an agreeing identifier or names"
                    + " rare enough to outweigh it");
        }
        return reasons;
    }
}
