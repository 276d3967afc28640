package org.ancconnect.phn.evaluation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.phn.matching.BlockingKeys;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.phn.matching.Normaliser;

/**
 * Blocking at the benchmark registry's scale: for repeat visits of loaded mothers, sent without a NIC (so they
 * reach the probabilistic tier) and with the fields the benchmark sends, how many candidates the blocking
 * query returns and whether the true person is among them: every block read whole (no cap), each pass capped
 * at {@code candidates-per-key} rows as the service reads it today (an arbitrary sample of an oversized block,
 * in index order), and oversized passes skipped ("block purging"). Reads {@code anc_phn_bench}
 * ({@code -Dbench.db}) as loaded by {@link RegistryBenchmark}; writes nothing.
 * Args: persons (as loaded), sample size, cap.
 */
public final class BlockingAtScale {

    private BlockingAtScale() {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int cap = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String db = System.getProperty("bench.db", "anc_phn_bench");
        List<LabelledRecord> population = new SyntheticPopulation(11).generate(persons);
        // The loader numbers the first registration of every person in population order: PHN body n.
        PhnFormat format = new PhnFormat(BenchmarkLoader.defaults());
        Map<String, String> phnOf = new HashMap<>();
        long n = 0;
        for (LabelledRecord r : population) {
            if (r.id().endsWith("-0")) {
                phnOf.put(r.entity(), format.compose(BenchmarkLoader.POI, format.encodeBody(n++)).value());
            }
        }
        List<LabelledRecord> repeats = population.stream().filter(r -> !r.id().endsWith("-0")).toList();
        int step = Math.max(1, repeats.size() / sample);
        long[] candidates = new long[3];
        long[] found = new long[3];
        List<Integer> sampledSizes = new ArrayList<>();
        List<Integer> purgedSizes = new ArrayList<>();
        int done = 0;
        try (Connection c = BenchmarkLoader.connect("jdbc:postgresql://127.0.0.1:5432/" + db);
                PreparedStatement truth = c.prepareStatement("SELECT person_id FROM identifier WHERE system = 'PHN' AND value = ?");
                PreparedStatement blocks = c.prepareStatement("SELECT k.key, (SELECT count(*) FROM (SELECT 1 FROM match_key"
                        + " WHERE key = k.key LIMIT ? + 1) x), ARRAY(SELECT person_id FROM match_key WHERE key = k.key LIMIT ?),"
                        + " EXISTS (SELECT 1 FROM match_key WHERE key = k.key AND person_id = ?)"
                        + " FROM unnest(?::varchar[]) AS k(key)")) {
            for (int i = 0; i < repeats.size() && done < sample; i += step) {
                LabelledRecord r = repeats.get(i);
                MatchRecord m = r.record();
                // As RegistryBenchmark sends a repeat visit, less the NIC (a consistent NIC links deterministically).
                MatchRecord sent = new MatchRecord(List.of(m.names().get(0)), m.birthDate(), m.birthDateEstimated(),
                        "female", m.phone(), null, null, null, null, m.district(), null, null);
                Set<String> keys = BlockingKeys.of(Normaliser.prepare(sent));
                truth.setString(1, phnOf.get(r.entity()));
                UUID person;
                try (ResultSet rs = truth.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    person = (UUID) rs.getObject(1);
                }
                blocks.setInt(1, cap);
                blocks.setInt(2, cap);
                blocks.setObject(3, person);
                Array array = c.createArrayOf("varchar", keys.toArray());
                blocks.setArray(4, array);
                Set<Object> sampled = new HashSet<>();
                Set<Object> purged = new HashSet<>();
                boolean inAnyBlock = false;
                try (ResultSet rs = blocks.executeQuery()) {
                    while (rs.next()) {
                        List<Object> ids = Arrays.asList((Object[]) rs.getArray(3).getArray());
                        sampled.addAll(ids);
                        if (rs.getLong(2) <= cap) {
                            purged.addAll(ids);
                        }
                        inAnyBlock |= rs.getBoolean(4);
                    }
                }
                candidates[1] += sampled.size();
                candidates[2] += purged.size();
                sampledSizes.add(sampled.size());
                purgedSizes.add(purged.size());
                found[0] += inAnyBlock ? 1 : 0;
                found[1] += sampled.contains(person) ? 1 : 0;
                found[2] += purged.contains(person) ? 1 : 0;
                done++;
            }
        }
        System.out.printf("%d repeat visits without NIC, %d persons, cap %d per pass:%n", done, persons, cap);
        System.out.printf("  every block whole:        completeness %.4f%n", found[0] / (double) done);
        System.out.printf("  capped (today):           completeness %.4f, candidates mean %.0f, p50 %d, p95 %d%n",
                found[1] / (double) done, candidates[1] / (double) done, pct(sampledSizes, 0.5), pct(sampledSizes, 0.95));
        System.out.printf("  oversized passes skipped: completeness %.4f, candidates mean %.0f, p50 %d, p95 %d%n",
                found[2] / (double) done, candidates[2] / (double) done, pct(purgedSizes, 0.5), pct(purgedSizes, 0.95));
    }

    private static int pct(List<Integer> values, double p) {
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
    }
}
