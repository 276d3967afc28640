package org.ancconnect.phn.matching;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates Fellegi–Sunter parameters without labelled data, the way Splink does:
 * <ul>
 * <li>u from random pairs: almost all are non-matches, so their level frequencies are u directly;</li>
 * <li>m by expectation–maximisation with u held fixed, once per training sample of pairs that share a
 * blocking value, leaving out the fields the sample was blocked on (they agree by construction, so EM
 * would read every blocked pair as a match); each field's m is averaged over the samples that could
 * estimate it;</li>
 * <li>the prior as the fixed point of the mean posterior over the candidate pairs the registry will
 * actually score, with m and u fixed.</li>
 * </ul>
 */
public final class EmEstimator {

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-7;

    private EmEstimator() {
    }

    /** Comparison vectors of pairs that share the value of {@code blockedOn}. */
    public record TrainingSample(Set<Field> blockedOn, List<int[]> vectors) {
    }

    public static MatchParameters estimate(String version, List<TrainingSample> samples, List<int[]> candidateVectors,
            List<int[]> randomVectors) {
        Map<Field, double[]> u = new EnumMap<>(Field.class);
        for (Field f : Field.ALL) {
            int levels = f.levels().size();
            double[] counts = new double[levels];
            double known = 0;
            for (int[] v : randomVectors) {
                if (v[f.ordinal()] != Field.MISSING) {
                    counts[v[f.ordinal()]]++;
                    known++;
                }
            }
            double[] uf = new double[levels];
            for (int l = 1; l < levels; l++) {
                // Add-one smoothing: a level never seen among random pairs is rare, not impossible.
                uf[l] = (counts[l] + 1) / (known + levels - 1);
            }
            u.put(f, uf);
        }
        Map<Field, double[]> mSum = new EnumMap<>(Field.class);
        Map<Field, Integer> mCount = new EnumMap<>(Field.class);
        for (TrainingSample sample : samples) {
            Map<Field, double[]> m = em(sample, u);
            for (Field f : Field.ALL) {
                if (!sample.blockedOn().contains(f) && m.get(f) != null) {
                    double[] sum = mSum.computeIfAbsent(f, k -> new double[f.levels().size()]);
                    for (int l = 1; l < sum.length; l++) {
                        sum[l] += m.get(f)[l];
                    }
                    mCount.merge(f, 1, Integer::sum);
                }
            }
        }
        Map<Field, double[]> m = new EnumMap<>(Field.class);
        for (Field f : Field.ALL) {
            double[] sum = mSum.get(f);
            double[] mf = new double[f.levels().size()];
            for (int l = 1; l < mf.length; l++) {
                mf[l] = sum == null ? u.get(f)[l] : sum[l] / mCount.get(f);
            }
            m.put(f, mf);
        }
        double prior = 0.1;
        for (int it = 0; it < MAX_ITERATIONS && !candidateVectors.isEmpty(); it++) {
            double mass = 0;
            for (int[] v : candidateVectors) {
                mass += posterior(v, prior, m, u, Set.of());
            }
            double next = Math.min(Math.max(mass / candidateVectors.size(), MatchParameters.FLOOR),
                    1 - MatchParameters.FLOOR);
            boolean done = Math.abs(next - prior) < TOLERANCE;
            prior = next;
            if (done) {
                break;
            }
        }
        return new MatchParameters(version, prior, m, u);
    }

    private static Map<Field, double[]> em(TrainingSample sample, Map<Field, double[]> u) {
        Map<List<Integer>, Integer> distinct = new HashMap<>();
        for (int[] v : sample.vectors()) {
            distinct.merge(Arrays.stream(v).boxed().toList(), 1, Integer::sum);
        }
        Map<Field, double[]> m = new EnumMap<>(Field.class);
        for (Field f : Field.ALL) {
            double[] mf = new double[f.levels().size()];
            for (int l = 1; l < mf.length; l++) {
                mf[l] = l == 1 ? 0.9 : 0.1 / (mf.length - 2);
            }
            m.put(f, mf);
        }
        double prior = 0.1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            Map<Field, double[]> num = new EnumMap<>(Field.class);
            Map<Field, Double> den = new EnumMap<>(Field.class);
            double matchMass = 0;
            double total = 0;
            for (Map.Entry<List<Integer>, Integer> e : distinct.entrySet()) {
                int[] v = e.getKey().stream().mapToInt(Integer::intValue).toArray();
                double g = posterior(v, prior, m, u, sample.blockedOn());
                double n = e.getValue();
                matchMass += g * n;
                total += n;
                for (Field f : Field.ALL) {
                    int level = v[f.ordinal()];
                    if (level != Field.MISSING && !sample.blockedOn().contains(f)) {
                        num.computeIfAbsent(f, k -> new double[f.levels().size()])[level] += g * n;
                        den.merge(f, g * n, Double::sum);
                    }
                }
            }
            double change = Math.abs(matchMass / total - prior);
            prior = matchMass / total;
            for (Field f : Field.ALL) {
                if (den.get(f) == null || den.get(f) == 0) {
                    continue;
                }
                double[] mf = m.get(f);
                for (int l = 1; l < mf.length; l++) {
                    double next = num.get(f)[l] / den.get(f);
                    change = Math.max(change, Math.abs(next - mf[l]));
                    mf[l] = next;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        return m;
    }

    private static double posterior(int[] v, double prior, Map<Field, double[]> m, Map<Field, double[]> u,
            Set<Field> ignored) {
        double logOdds = Math.log(prior / (1 - prior)) / Math.log(2);
        for (double w : MatchParameters.weights(v, m, u, ignored)) {
            logOdds += w;
        }
        return 1.0 / (1.0 + Math.pow(2, -logOdds));
    }
}
