package org.ancconnect.phn.matching;

import java.util.List;

/**
 * The score of one candidate, with its explanation.
 *
 * @param probability calibrated posterior probability that both records are the same person, judged on this
 *        pair alone
 * @param weight total match weight (log2 likelihood ratio)
 * @param logOdds log2 posterior odds: the weight plus the prior log odds
 * @param contributions one entry per compared field, strongest evidence first
 * @param levels the agreement level of each field, by {@link Field#ordinal()}
 * @param givenNamesDistinct both sides carry a full given name and no pair of their name forms is the same name,
 *        a single slip of the pen, a transliteration variant, or a given/family swap of it: another woman's name,
 *        not a misspelling of hers ({@link FieldComparisons#givenNamesDistinct}); computed by the scorer only when
 *        the birth dates agree exactly or day/month swapped (the only case a guard asks), false otherwise
 * @param houseNumbersDiffer both address lines carry a house number and the numbers differ: a street shared,
 *        not a dwelling ({@link FieldComparisons#houseNumbersDiffer})
 */
public record MatchScore(double probability, double weight, double logOdds, List<Contribution> contributions,
        int[] levels, boolean givenNamesDistinct, boolean houseNumbersDiffer) {

    /** A score without the relation facts (both false). */
    public MatchScore(double probability, double weight, double logOdds, List<Contribution> contributions,
            int[] levels) {
        this(probability, weight, logOdds, contributions, levels, false, false);
    }

    /**
     * What one field contributed.
     *
     * @param field the field
     * @param level the agreement level's name
     * @param weight the field's weight; positive is evidence for a match
     * @param termFrequencyAdjusted whether the name's own frequency replaced the average u
     */
    public record Contribution(Field field, String level, double weight, boolean termFrequencyAdjusted) {
    }

    public int level(Field field) {
        return levels[field.ordinal()];
    }
}
