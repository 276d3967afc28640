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
 * query returns and whether the true person is among them: every block read whole (up to 20 000 rows), every
 * person of the first 200 rows of each block (the service before 2026-11-21 evening), and the service's rule
 * now ({@link BlockingKeys#selected}: {@code perKey} rows read per block, a person kept when she shares two keys
 * or one block of at most {@code smallBlock}), with the {@code match_key} rows that rule reads. Reads
 * {@code anc_phn_bench} ({@code -Dbench.db}) as loaded by {@link RegistryBenchmark}; writes nothing.
 * Args: persons (as loaded), sample size, rows read per key (1000), small block (100).
 */
public final class BlockingAtScale {

    /** The cap per key before the two-key rule; its blocks were sampled, not counted. */
    private static final int OLD_CAP = 200;
    private static final int WHOLE = 20_000;

    private BlockingAtScale() {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int perKey = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int smallBlock = args.length > 3 ? Integer.parseInt(args[3]) : BlockingKeys.SMALL_BLOCK;
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
        long foundWhole = 0;
        long foundOld = 0;
        long foundNow = 0;
        List<Integer> oldSizes = new ArrayList<>();
        List<Integer> nowSizes = new ArrayList<>();
        List<Integer> nowRows = new ArrayList<>();
        int done = 0;
        try (Connection c = BenchmarkLoader.connect("jdbc:postgresql://127.0.0.1:5432/" + db);
                PreparedStatement truth = c.prepareStatement("SELECT person_id FROM identifier WHERE system = 'PHN' AND value = ?");
                PreparedStatement blocks = c.prepareStatement("SELECT k.key, ARRAY(SELECT person_id FROM match_key"
                        + " WHERE key = k.key LIMIT " + WHOLE + ") FROM unnest(?::varchar[]) AS k(key)")) {
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
                Array array = c.createArrayOf("varchar", keys.toArray());
                blocks.setArray(1, array);
                boolean inAnyBlock = false;
                Set<Object> old = new HashSet<>();
                // Per person: keys shared within the first perKey rows of each block, smallest such block.
                Map<Object, int[]> shared = new HashMap<>();
                int rows = 0;
                try (ResultSet rs = blocks.executeQuery()) {
                    while (rs.next()) {
                        List<Object> block = Arrays.asList((Object[]) rs.getArray(2).getArray());
                        inAnyBlock |= block.contains(person);
                        old.addAll(block.subList(0, Math.min(OLD_CAP, block.size())));
                        List<Object> read = block.subList(0, Math.min(perKey, block.size()));
                        rows += read.size();
                        for (Object id : read) {
                            int[] s = shared.computeIfAbsent(id, x -> new int[] {0, Integer.MAX_VALUE});
                            s[0]++;
                            s[1] = Math.min(s[1], read.size());
                        }
                    }
                }
                Set<Object> now = new HashSet<>();
                shared.forEach((id, s) -> {
                    if (BlockingKeys.selected(s[0], s[1], smallBlock)) {
                        now.add(id);
                    }
                });
                foundWhole += inAnyBlock ? 1 : 0;
                foundOld += old.contains(person) ? 1 : 0;
                foundNow += now.contains(person) ? 1 : 0;
                oldSizes.add(old.size());
                nowSizes.add(now.size());
                nowRows.add(rows);
                done++;
            }
        }
        System.out.printf("%d repeat visits without NIC, %d persons:%n", done, persons);
        System.out.printf("  every block whole (<= %d rows):  completeness %.4f%n", WHOLE, foundWhole / (double) done);
        print("first " + OLD_CAP + " rows of each block, all", foundOld, done, oldSizes);
        print(perKey + " rows per key, 2 keys or block <= " + smallBlock, foundNow, done, nowSizes);
        System.out.printf("  match_key rows read by that rule: mean %.0f, p50 %d, p95 %d, max %d%n", mean(nowRows),
                pct(nowRows, 0.5), pct(nowRows, 0.95), pct(nowRows, 1.0));
    }

    private static void print(String rule, long found, int done, List<Integer> sizes) {
        System.out.printf("  %-38s completeness %.4f, candidates mean %.0f, p50 %d, p95 %d, max %d%n", rule + ":",
                found / (double) done, mean(sizes), pct(sizes, 0.5), pct(sizes, 0.95), pct(sizes, 1.0));
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    private static int pct(List<Integer> values, double p) {
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
    }
}
