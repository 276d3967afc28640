package org.ancconnect.phn.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ancconnect.phn.matching.BlockingKeys;
import org.ancconnect.phn.matching.EmEstimator;
import org.ancconnect.phn.matching.FellegiSunterScorer;
import org.ancconnect.phn.matching.Field;
import org.ancconnect.phn.matching.FieldComparisons;
import org.ancconnect.phn.matching.MatchDecider;
import org.ancconnect.phn.matching.MatchParameters;
import org.ancconnect.phn.matching.MatchScore;
import org.ancconnect.phn.matching.Normaliser;
import org.ancconnect.phn.matching.Prepared;
import org.ancconnect.phn.matching.TermFrequencies;

/**
 * Runs the production normaliser, blocking keys, EM, scorer and decider over labelled records the way the
 * registry sees them: records arrive one at a time and each is resolved against the persons registered
 * so far (deduplication), or every record of file B against the persons of file A (linkage). Reports
 * pairwise precision, recall and F1 of the automatic links, the review rate and blocking pair
 * completeness.
 */
final class LinkageEvaluator {

    /** Random pairs drawn to estimate u. */
    private static final int RANDOM_PAIRS = 200_000;
    /** Training pairs drawn per record and training block. */
    private static final int TRAINING_PAIRS_PER_RECORD = 20;

    private final MatchDecider decider;
    private final boolean otherIdIsNic;

    /**
     * @param otherIdIsNic the records' other identifier is a NIC (synthetic population): its disagreement
     *        fires the NIC guard; FEBRL's soc_sec_id is corrupted in duplicates like any field, so it does not
     */
    LinkageEvaluator(MatchDecider.Thresholds thresholds, boolean otherIdIsNic) {
        this.decider = new MatchDecider(thresholds);
        this.otherIdIsNic = otherIdIsNic;
    }

    /** Figures of one run. */
    record Result(String name, long truePairs, long predictedPairs, long correctPairs, long reviews, long records,
            long candidatePairs, long trueCandidatePairs, MatchParameters parameters, Map<String, Long> reviewReasons,
            Registry registry) {

        double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double pairCompleteness() {
            return truePairs == 0 ? 1.0 : (double) trueCandidatePairs / truePairs;
        }

        String report() {
            return String.format("%-34s precision %.4f recall %.4f F1 %.4f | review rate %.4f | blocking pair"
                    + " completeness %.4f (%d candidate pairs) | prior %.4f%n    review reasons %s", name, precision(),
                    recall(), f1(), (double) reviews / records, pairCompleteness(), candidatePairs, parameters.prior(),
                    reviewReasons);
        }
    }

    /**
     * Registry-level figures of a deduplication run.
     *
     * @param persons true persons
     * @param phns persons the registry ended with (PHNs issued)
     * @param splitPersons true persons holding more than one PHN
     * @param falseMerges PHNs holding records of more than one true person
     * @param reviewsCorrect reviews whose best candidate was the true person
     * @param calibration per probability decile of the best candidate: {count, true matches}
     */
    record Registry(long persons, long phns, long splitPersons, long falseMerges, long reviewsCorrect,
            long[][] calibration) {
    }

    Result deduplicate(String name, List<LabelledRecord> records) {
        return deduplicate(name, records, null);
    }

    /** Deduplicates with given parameters, or parameters estimated from the records when null. */
    Result deduplicate(String name, List<LabelledRecord> records, MatchParameters given) {
        List<Prepared> prepared = records.stream().map(r -> Normaliser.prepare(r.record())).toList();
        Map<String, List<Integer>> index = new HashMap<>();
        List<int[]> blockingPairs = new ArrayList<>();
        List<int[]> candidatePairs = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Set<String> keys = BlockingKeys.of(prepared.get(i));
            block(i, keys, index, blockingPairs, candidatePairs);
            for (String key : keys) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        TermFrequencies tf = termFrequencies(prepared);
        FellegiSunterScorer scorer = new FellegiSunterScorer(
                given != null ? given : estimate(name, prepared, prepared, blockingPairs));
        Map<Integer, List<Integer>> candidatesOf = new HashMap<>();
        for (int[] p : candidatePairs) {
            candidatesOf.computeIfAbsent(p[1], k -> new ArrayList<>()).add(p[0]);
        }
        long reviewsCorrect = 0;
        long[][] calibration = new long[10][2];
        int[] cluster = new int[prepared.size()];
        // The golden record keeps the first NIC it received (the registry's fillMissing), so a person's NIC
        // is known from any of her records, not only from the one that scores best.
        String[] clusterNic = new String[prepared.size()];
        long reviews = 0;
        Map<String, Long> reasons = new java.util.TreeMap<>();
        boolean dump = Boolean.getBoolean("eval.falseMerges");
        for (int i = 0; i < prepared.size(); i++) {
            // A person is scored by her best-agreeing record, as the registry keeps every name ever seen.
            Map<Integer, MatchDecider.Candidate<Integer>> bestByCluster = new LinkedHashMap<>();
            Map<Integer, Integer> bestRecord = new HashMap<>();
            for (int j : candidatesOf.getOrDefault(i, List.of())) {
                MatchScore s = scorer.score(prepared.get(i), prepared.get(j), tf);
                MatchDecider.Candidate<Integer> c = new MatchDecider.Candidate<>(cluster[j], s, false, nicDisagrees(s), identifierAgrees(s),
                        FieldComparisons.birthYearGap(prepared.get(i), prepared.get(j)));
                MatchDecider.Candidate<Integer> kept = bestByCluster.merge(cluster[j], c,
                        (x, y) -> x.score().logOdds() >= y.score().logOdds() ? x : y);
                if (kept == c) {
                    bestRecord.put(cluster[j], j);
                }
            }
            String nic = prepared.get(i).otherId();
            List<MatchDecider.Candidate<Integer>> candidates = bestByCluster.values().stream()
                    .map(c -> otherIdIsNic ? withClusterNic(c, nic, clusterNic[c.key()]) : c).toList();
            MatchDecider.Decision<Integer> d = decider.decide(candidates);
            cluster[i] = d.outcome() == MatchDecider.Outcome.AUTO_LINK ? d.best().key() : i;
            if (dump && d.outcome() == MatchDecider.Outcome.AUTO_LINK
                    && !records.get(d.best().key()).entity().equals(records.get(i).entity())) {
                int j = bestRecord.get(d.best().key());
                System.out.printf("FALSE MERGE p=%.4f (%d candidates)%n  new:  %s %s%n  into: %s %s%n  %s%n",
                        d.best().probability(), d.ranked().size(), records.get(i).entity(), records.get(i).record(),
                        records.get(j).entity(), records.get(j).record(), d.best().candidate().score().contributions());
            }
            if (clusterNic[cluster[i]] == null && !nic.isEmpty()) {
                clusterNic[cluster[i]] = nic;
            }
            boolean bestIsTrue = d.best() != null
                    && records.get(d.best().key()).entity().equals(records.get(i).entity());
            if (d.best() != null) {
                int bin = Math.min(9, (int) (d.best().probability() * 10));
                calibration[bin][0]++;
                calibration[bin][1] += bestIsTrue ? 1 : 0;
            }
            if (d.outcome() == MatchDecider.Outcome.REVIEW) {
                reviews++;
                reviewsCorrect += bestIsTrue ? 1 : 0;
            }
            countReasons(reasons, d);
        }
        long truePairs = countPairs(records.stream().map(LabelledRecord::entity).toList());
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            members.computeIfAbsent(cluster[i], k -> new ArrayList<>()).add(i);
        }
        long predicted = 0;
        long correct = 0;
        for (List<Integer> m : members.values()) {
            for (int x = 0; x < m.size(); x++) {
                for (int y = x + 1; y < m.size(); y++) {
                    predicted++;
                    if (records.get(m.get(x)).entity().equals(records.get(m.get(y)).entity())) {
                        correct++;
                    }
                }
            }
        }
        long trueCandidates = candidatePairs.stream()
                .filter(p -> records.get(p[0]).entity().equals(records.get(p[1]).entity())).count();
        Map<String, Set<Integer>> phnsOfPerson = new HashMap<>();
        for (int i = 0; i < cluster.length; i++) {
            phnsOfPerson.computeIfAbsent(records.get(i).entity(), k -> new HashSet<>()).add(cluster[i]);
        }
        long falseMerges = members.values().stream()
                .filter(m -> m.stream().map(x -> records.get(x).entity()).distinct().count() > 1).count();
        Registry registry = new Registry(phnsOfPerson.size(), members.size(),
                phnsOfPerson.values().stream().filter(c -> c.size() > 1).count(), falseMerges, reviewsCorrect,
                calibration);
        return new Result(name, truePairs, predicted, correct, reviews, records.size(), candidatePairs.size(),
                trueCandidates, scorer.parameters(), reasons, registry);
    }

    /**
     * Blocks record {@code r} against the indexed records: every record sharing a key with it goes to
     * {@code blockingPairs} (EM's training pairs, on which the shipped parameters were estimated), and those the
     * registry's blocking query would score ({@link BlockingKeys#selected}: two shared keys, or one block of at most
     * {@link BlockingKeys#SMALL_BLOCK}) to {@code candidatePairs}, in first-seen order, as {indexed, r} pairs.
     */
    private static void block(int r, Set<String> keys, Map<String, List<Integer>> index, List<int[]> blockingPairs,
            List<int[]> candidatePairs) {
        Map<Integer, int[]> shared = new LinkedHashMap<>();
        for (String key : keys) {
            List<Integer> block = index.getOrDefault(key, List.of());
            for (int j : block) {
                int[] s = shared.computeIfAbsent(j, x -> new int[] {0, Integer.MAX_VALUE});
                s[0]++;
                s[1] = Math.min(s[1], block.size());
            }
        }
        shared.forEach((j, s) -> {
            int[] pair = {j, r};
            blockingPairs.add(pair);
            if (BlockingKeys.selected(s[0], s[1], BlockingKeys.SMALL_BLOCK)) {
                candidatePairs.add(pair);
            }
        });
    }

    Result link(String name, List<LabelledRecord> a, List<LabelledRecord> b) {
        List<Prepared> pa = a.stream().map(r -> Normaliser.prepare(r.record())).toList();
        List<Prepared> pb = b.stream().map(r -> Normaliser.prepare(r.record())).toList();
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < pa.size(); i++) {
            for (String key : BlockingKeys.of(pa.get(i))) {
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> blockingPairs = new ArrayList<>();
        List<int[]> candidatePairs = new ArrayList<>();
        for (int j = 0; j < pb.size(); j++) {
            block(j, BlockingKeys.of(pb.get(j)), index, blockingPairs, candidatePairs);
        }
        List<Prepared> all = new ArrayList<>(pa);
        all.addAll(pb);
        TermFrequencies tf = termFrequencies(all);
        FellegiSunterScorer scorer = new FellegiSunterScorer(estimate(name, pa, pb, blockingPairs));
        Map<Integer, List<Integer>> candidatesOf = new HashMap<>();
        for (int[] p : candidatePairs) {
            candidatesOf.computeIfAbsent(p[1], k -> new ArrayList<>()).add(p[0]);
        }
        long predicted = 0;
        long correct = 0;
        long reviews = 0;
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (int j = 0; j < pb.size(); j++) {
            List<MatchDecider.Candidate<Integer>> candidates = new ArrayList<>();
            for (int i : candidatesOf.getOrDefault(j, List.of())) {
                MatchScore s = scorer.score(pb.get(j), pa.get(i), tf);
                candidates.add(new MatchDecider.Candidate<>(i, s, false, nicDisagrees(s), identifierAgrees(s),
                        FieldComparisons.birthYearGap(pb.get(j), pa.get(i))));
            }
            MatchDecider.Decision<Integer> d = decider.decide(candidates);
            if (d.outcome() == MatchDecider.Outcome.AUTO_LINK) {
                predicted++;
                if (a.get(d.best().key()).entity().equals(b.get(j).entity())) {
                    correct++;
                }
            } else if (d.outcome() == MatchDecider.Outcome.REVIEW) {
                reviews++;
            }
            countReasons(reasons, d);
        }
        Map<String, Integer> inA = new HashMap<>();
        a.forEach(r -> inA.merge(r.entity(), 1, Integer::sum));
        long truePairs = b.stream().mapToLong(r -> inA.getOrDefault(r.entity(), 0)).sum();
        long trueCandidates = candidatePairs.stream()
                .filter(p -> a.get(p[0]).entity().equals(b.get(p[1]).entity())).count();
        return new Result(name, truePairs, predicted, correct, reviews, b.size(), candidatePairs.size(),
                trueCandidates, scorer.parameters(), reasons, null);
    }

    static MatchParameters estimate(String name, List<Prepared> left, List<Prepared> right,
            List<int[]> candidatePairs) {
        List<int[]> candidateVectors = new ArrayList<>(candidatePairs.size());
        for (int[] p : candidatePairs) {
            candidateVectors.add(FieldComparisons.compare(left.get(p[0]), right.get(p[1]), null));
        }
        Random random = new Random(42);
        List<int[]> randomVectors = new ArrayList<>(RANDOM_PAIRS);
        for (int k = 0; k < RANDOM_PAIRS; k++) {
            randomVectors.add(FieldComparisons.compare(left.get(random.nextInt(left.size())),
                    right.get(random.nextInt(right.size())), null));
        }
        List<EmEstimator.TrainingSample> samples = List.of(
                sample(left, right, p -> p.birthDate(), Set.of(Field.BIRTH_DATE), random),
                sample(left, right, p -> p.names().isEmpty() ? "" : p.names().get(0).mainPhonetic() + ":"
                        + p.names().get(0).familyPhonetic(), Set.of(Field.GIVEN_NAME, Field.FAMILY_NAME), random));
        return EmEstimator.estimate(name + "/normaliser-v" + Normaliser.VERSION, samples, candidateVectors,
                randomVectors);
    }

    /** Pairs sharing a training blocking value; large blocks are sampled so common names do not dominate. */
    private static EmEstimator.TrainingSample sample(List<Prepared> left, List<Prepared> right,
            java.util.function.Function<Prepared, String> value, Set<Field> blockedOn, Random random) {
        Map<String, List<Integer>> byValue = new HashMap<>();
        for (int i = 0; i < left.size(); i++) {
            String v = value.apply(left.get(i));
            if (!v.isEmpty() && !v.startsWith(":") && !v.endsWith(":")) {
                byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> vectors = new ArrayList<>();
        for (int j = 0; j < right.size(); j++) {
            List<Integer> block = byValue.getOrDefault(value.apply(right.get(j)), List.of());
            for (int n = 0; n < Math.min(block.size(), TRAINING_PAIRS_PER_RECORD); n++) {
                int i = block.size() <= TRAINING_PAIRS_PER_RECORD ? block.get(n) : block.get(random.nextInt(block.size()));
                if (left != right || i < j) {
                    vectors.add(FieldComparisons.compare(left.get(i), right.get(j), null));
                }
            }
        }
        return new EmEstimator.TrainingSample(blockedOn, vectors);
    }

    static TermFrequencies termFrequencies(List<Prepared> records) {
        Map<String, Double> given = new HashMap<>();
        Map<String, Double> family = new HashMap<>();
        double n = 0;
        for (Prepared p : records) {
            for (Prepared.PName name : p.names()) {
                n++;
                if (!name.main().isEmpty()) {
                    given.merge(name.main(), 1.0, Double::sum);
                }
                if (!name.family().isEmpty()) {
                    family.merge(name.family(), 1.0, Double::sum);
                }
            }
        }
        double total = n;
        given.replaceAll((k, v) -> v / total);
        family.replaceAll((k, v) -> v / total);
        return new TermFrequencies(given, family);
    }

    private static void countReasons(Map<String, Long> counts, MatchDecider.Decision<Integer> d) {
        if (d.outcome() != MatchDecider.Outcome.REVIEW) {
            d.reasons().forEach(r -> counts.merge("new PHN, " + r, 1L, Long::sum));
            return;
        }
        if (d.reasons().isEmpty()) {
            counts.merge("probability in review band", 1L, Long::sum);
        }
        d.reasons().forEach(r -> counts.merge(r.replaceAll("[0-9]+ apart", "N apart"), 1L, Long::sum));
    }

    private static MatchDecider.Candidate<Integer> withClusterNic(MatchDecider.Candidate<Integer> c, String nic,
            String personNic) {
        boolean known = !nic.isEmpty() && personNic != null;
        return new MatchDecider.Candidate<>(c.key(), c.score(), c.doNotLink(), known && !nic.equals(personNic),
                known && nic.equals(personNic), c.birthYearGap());
    }

    /** The NIC of the synthetic population and FEBRL's soc_sec_id play the role of the registry's NIC. */
    private static boolean identifierAgrees(MatchScore s) {
        return s.level(Field.OTHER_ID) == 1;
    }

    private boolean nicDisagrees(MatchScore s) {
        return otherIdIsNic && s.level(Field.OTHER_ID) == Field.OTHER_ID.disagree();
    }

    private static long countPairs(List<String> entities) {
        Map<String, Long> counts = new HashMap<>();
        entities.forEach(e -> counts.merge(e, 1L, Long::sum));
        return counts.values().stream().mapToLong(c -> c * (c - 1) / 2).sum();
    }
}
