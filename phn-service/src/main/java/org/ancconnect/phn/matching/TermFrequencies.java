package org.ancconnect.phn.matching;

import java.util.Map;

/**
 * Relative frequency of given and family names in the registry. Agreement on "perera" (a surname shared
 * by a large share of the population) is weaker evidence than agreement on a rare name: the scorer uses
 * the name's own frequency as u for exact agreement when it is known.
 *
 * @param given folded main given name to its share of all name forms
 * @param family folded family name to its share
 */
public record TermFrequencies(Map<String, Double> given, Map<String, Double> family) {

    public static final TermFrequencies NONE = new TermFrequencies(Map.of(), Map.of());
}
