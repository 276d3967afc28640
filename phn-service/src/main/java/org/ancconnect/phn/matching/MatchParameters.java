package org.ancconnect.phn.matching;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Versioned Fellegi–Sunter parameters: for every field and level, m (probability of the level among true
 * matches) and u (among non-matches), plus the prior probability that a blocked candidate pair is a match.
 * Produced by {@link EmEstimator}; loaded from a JSON resource so a change is reviewed like code.
 *
 * @param version identifies the estimate (data set, date, normaliser version); recorded with every decision
 * @param prior probability that a candidate pair found by blocking is a true match
 * @param m per field, per level (index 0, missing, is ignored)
 * @param u per field, per level
 */
public record MatchParameters(String version, double prior, Map<Field, double[]> m, Map<Field, double[]> u) {

    /** Floor for any probability, so that an unseen level is strong but finite evidence. */
    static final double FLOOR = 1e-6;

    public static MatchParameters load(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Matching parameters not found: " + resource);
            }
            return read(new ObjectMapper().readValue(in, Json.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MatchParameters read(Json json) {
        Map<Field, double[]> m = new EnumMap<>(Field.class);
        Map<Field, double[]> u = new EnumMap<>(Field.class);
        for (Field f : Field.ALL) {
            Json.Levels levels = json.fields().get(f);
            if (levels == null || levels.m().length != f.levels().size() || levels.u().length != f.levels().size()) {
                throw new IllegalStateException("Parameters " + json.version() + " lack levels for " + f);
            }
            m.put(f, levels.m());
            u.put(f, levels.u());
        }
        return new MatchParameters(json.version(), json.prior(), m, u);
    }

    public String toJson() {
        Map<Field, Json.Levels> fields = new EnumMap<>(Field.class);
        for (Field f : Field.ALL) {
            fields.put(f, new Json.Levels(m.get(f), u.get(f)));
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new Json(version, prior, fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Dwelling-level fields one household shares: a mother, her daughter, her sister-in-law and twins all
     * agree on them together. Among non-matches that agree on one of them the others agree almost surely
     * (u of the second given the first is close to 1, so its weight given the first is log2(m / 1) <= 0):
     * the conditional-independence sum would count one fact, "same household", two to four times. The
     * group's agreement therefore counts once, as its strongest agreeing field; disagreements still add.
     */
    public static final Set<Field> HOUSEHOLD = EnumSet.of(Field.PHONE, Field.STREET_NUMBER, Field.ADDRESS_LINE,
            Field.ADDRESS_LINE2);

    private static double weight(Map<Field, double[]> m, Map<Field, double[]> u, Field field, int level) {
        return log2(Math.max(m.get(field)[level], FLOOR) / Math.max(u.get(field)[level], FLOOR));
    }

    /**
     * Per-field weights of a comparison vector (by {@link Field#ordinal()}, 0 for missing and ignored
     * fields), with the {@link #HOUSEHOLD} group's agreements counted once: every agreeing household field
     * but the strongest gets 0. The scorer and the estimator both use it, so EM fits the model that scores.
     */
    static double[] weights(int[] levels, Map<Field, double[]> m, Map<Field, double[]> u, Set<Field> ignored) {
        double[] w = new double[Field.ALL.length];
        Field strongest = null;
        for (Field f : Field.ALL) {
            int level = levels[f.ordinal()];
            if (level == Field.MISSING || ignored.contains(f)) {
                continue;
            }
            w[f.ordinal()] = weight(m, u, f, level);
            if (HOUSEHOLD.contains(f) && w[f.ordinal()] > 0) {
                if (strongest == null || w[f.ordinal()] > w[strongest.ordinal()]) {
                    if (strongest != null) {
                        w[strongest.ordinal()] = 0;
                    }
                    strongest = f;
                } else {
                    w[f.ordinal()] = 0;
                }
            }
        }
        return w;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** The file format. */
    public record Json(String version, double prior, Map<Field, Levels> fields) {
        public record Levels(double[] m, double[] u) {
        }
    }
}
