package org.ancconnect.phn.matching;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates Fellegi–Sunter parameters without labelled data. u comes from random pairs (almost all of
 * which are non-matches, so their level frequencies are the u probabilities directly); m and the prior
 * come from expectation–maximisation over the comparison vectors of blocked candidate pairs, with u held
 * fixed. Holding u fixed is what keeps EM from converging to a "same household" or "same name" class
 * instead of "same person". Blocking is designed to find true matches, so blocked pairs are mostly
 * matches and EM alone cannot see what a non-match looks like; the random pairs are therefore added to
 * the EM sample, and the prior reported is the mean posterior over the blocked pairs only, which is the
 * population the decisions are made on.
 */
public final class EmEstimator {

    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-7;

    private EmEstimator() {
    }

    public static MatchParameters estimate(String version, List<int[]> candidateVectors, List<int[]> randomVectors) {
        Map<Field, double[]> u = new EnumMap<>(Field.class);
        Map<Field, double[]> m = new EnumMap<>(Field.class);
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
            double[] mf = new double[levels];
            for (int l = 1; l < levels; l++) {
                mf[l] = l == 1 ? 0.9 : 0.1 / (levels - 2);
            }
            m.put(f, mf);
        }
        Map<List<Integer>, Integer> distinct = new HashMap<>();
        for (int[] v : candidateVectors) {
            distinct.merge(Arrays.stream(v).boxed().toList(), 1, Integer::sum);
        }
        for (int[] v : randomVectors) {
            distinct.merge(Arrays.stream(v).boxed().toList(), 1, Integer::sum);
        }
        double prior = 0.1;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            Map<Field, double[]> mNum = new EnumMap<>(Field.class);
            Map<Field, Double> mDen = new EnumMap<>(Field.class);
            for (Field f : Field.ALL) {
                mNum.put(f, new double[f.levels().size()]);
                mDen.put(f, 0.0);
            }
            double matchMass = 0;
            double total = 0;
            for (Map.Entry<List<Integer>, Integer> e : distinct.entrySet()) {
                List<Integer> v = e.getKey();
                double lm = Math.log(prior);
                double lu = Math.log(1 - prior);
                for (Field f : Field.ALL) {
                    int level = v.get(f.ordinal());
                    if (level != Field.MISSING) {
                        lm += Math.log(Math.max(m.get(f)[level], MatchParameters.FLOOR));
                        lu += Math.log(Math.max(u.get(f)[level], MatchParameters.FLOOR));
                    }
                }
                double g = 1.0 / (1.0 + Math.exp(lu - lm));
                double n = e.getValue();
                matchMass += g * n;
                total += n;
                for (Field f : Field.ALL) {
                    int level = v.get(f.ordinal());
                    if (level != Field.MISSING) {
                        mNum.get(f)[level] += g * n;
                        mDen.put(f, mDen.get(f) + g * n);
                    }
                }
            }
            double change = Math.abs(matchMass / total - prior);
            prior = matchMass / total;
            for (Field f : Field.ALL) {
                double[] mf = m.get(f);
                double den = mDen.get(f);
                for (int l = 1; l < mf.length; l++) {
                    double next = den == 0 ? mf[l] : mNum.get(f)[l] / den;
                    change = Math.max(change, Math.abs(next - mf[l]));
                    mf[l] = next;
                }
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        double blockedMass = 0;
        for (int[] v : candidateVectors) {
            blockedMass += posterior(v, prior, m, u);
        }
        double blockedPrior = candidateVectors.isEmpty() ? prior : blockedMass / candidateVectors.size();
        return new MatchParameters(version, Math.min(blockedPrior, 1 - MatchParameters.FLOOR), m, u);
    }

    private static double posterior(int[] v, double prior, Map<Field, double[]> m, Map<Field, double[]> u) {
        double lm = Math.log(prior);
        double lu = Math.log(1 - prior);
        for (Field f : Field.ALL) {
            int level = v[f.ordinal()];
            if (level != Field.MISSING) {
                lm += Math.log(Math.max(m.get(f)[level], MatchParameters.FLOOR));
                lu += Math.log(Math.max(u.get(f)[level], MatchParameters.FLOOR));
            }
        }
        return 1.0 / (1.0 + Math.exp(lu - lm));
    }
}
