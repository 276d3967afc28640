package org.ancconnect.phn.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a pair of prepared records with Fellegi–Sunter weights and turns the total into a posterior
 * probability with the parameters' prior. Pure and thread-safe; CPU-bound, so callers on the event loop
 * must hand it a worker thread when they score many candidates.
 */
public final class FellegiSunterScorer {

    private final MatchParameters parameters;

    public FellegiSunterScorer(MatchParameters parameters) {
        this.parameters = parameters;
    }

    public MatchParameters parameters() {
        return parameters;
    }

    public MatchScore score(Prepared a, Prepared b, TermFrequencies tf) {
        Prepared.PName[] names = new Prepared.PName[2];
        int[] levels = FieldComparisons.compare(a, b, names);
        List<MatchScore.Contribution> contributions = new ArrayList<>();
        double[] weights = MatchParameters.weights(levels, parameters.m(), parameters.u(), java.util.Set.of());
        double total = 0;
        for (Field f : Field.ALL) {
            int level = levels[f.ordinal()];
            if (level == Field.MISSING) {
                continue;
            }
            double w = weights[f.ordinal()];
            boolean adjusted = false;
            if (level == 1 && names[0] != null) {
                Double freq = f == Field.GIVEN_NAME ? tf.given().get(names[0].main())
                        : f == Field.FAMILY_NAME ? tf.family().get(names[0].family()) : null;
                if (freq != null) {
                    w = MatchParameters.log2(parameters.m().get(f)[1] / Math.max(freq, MatchParameters.FLOOR));
                    adjusted = true;
                }
            }
            total += w;
            String levelName = f.levels().get(level);
            if (MatchParameters.HOUSEHOLD.contains(f) && w == 0 && level < f.disagree()) {
                levelName += " (household evidence counted once, by a stronger household field)";
            }
            contributions.add(new MatchScore.Contribution(f, levelName, w, adjusted));
        }
        contributions.sort(Comparator.comparingDouble((MatchScore.Contribution c) -> -Math.abs(c.weight())));
        double logOdds = total + MatchParameters.log2(parameters.prior() / (1 - parameters.prior()));
        // The relation facts serve guards that look at pairs sharing a birth date or a dwelling: computed only
        // for those, not for every candidate of a large block.
        int dob = levels[Field.BIRTH_DATE.ordinal()];
        return new MatchScore(1.0 / (1.0 + Math.pow(2, -logOdds)), total, logOdds, contributions, levels,
                (dob == 1 || dob == 2) && FieldComparisons.givenNamesDistinct(a, b),
                FieldComparisons.houseNumbersDiffer(a, b));
    }
}
