package org.ancconnect.fhirserver.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ancconnect.fhirserver.FhirServer;
import org.ancconnect.fhirserver.ServerOptions;

/**
 * {@code bench-ingest.sh}: the FHIR server's own ingest ceiling, against a running server
 * ({@code --url}) or one it starts in this JVM. Plain text by default, one JSON object with
 * {@code --json} (for sync-service's benchmark to compare its end-to-end figures against).
 */
public final class IngestBenchmarkMain {

    static final String USAGE = """
            Usage: bench-ingest.sh [flags] [-- server flags]
              --url URL            FHIR base URL of a running server; without it a server is started in
                                   this JVM with the server flags after "--" (default database:
                                   jdbc:postgresql://127.0.0.1:5432/anc_nehr_bench)
              --seconds N          measured seconds per client count            [30]
              --warmup N           unmeasured warm-up seconds per client count  [10]
              --clients LIST       concurrent clients, comma-separated          [1,4]
              --observations N     Observations per bundle                      [5]
              --json               print one JSON object instead of a table
            """;

    private IngestBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        int split = Arrays.asList(args).indexOf("--");
        String[] own = split < 0 ? args : Arrays.copyOfRange(args, 0, split);
        String[] serverArgs = split < 0 ? new String[0] : Arrays.copyOfRange(args, split + 1, args.length);

        String url = null;
        int seconds = 30;
        int warmup = 10;
        int observations = 5;
        List<Integer> clients = List.of(1, 4);
        boolean json = false;
        for (int i = 0; i < own.length; i++) {
            switch (own[i]) {
                case "--url" -> url = value(own, ++i);
                case "--seconds" -> seconds = Integer.parseInt(value(own, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(own, ++i));
                case "--observations" -> observations = Integer.parseInt(value(own, ++i));
                case "--clients" -> clients = Arrays.stream(value(own, ++i).split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
                case "--json" -> json = true;
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> {
                    System.err.print("bench-ingest: unknown flag " + own[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }

        FhirServer server = null;
        URI base;
        if (url != null) {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } else {
            server = FhirServer.start(ServerOptions.parse(withBenchDefaults(serverArgs)));
            base = server.baseUrl();
        }
        try {
            IngestBenchmark bench = new IngestBenchmark(base, observations);
            OffsetDateTime when = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            if (!json) {
                System.out.printf("NEHR FHIR ingest benchmark %s against %s%n", when, base);
                System.out.printf("bundle: 1 Patient + 1 Encounter + %d Observation, conditional PUTs, new patient"
                        + " each; %d s warm-up + %d s measured per client count; %d cores%n",
                        observations, warmup, seconds, Runtime.getRuntime().availableProcessors());
                System.out.println("clients  transactions  errors    tx/s  resources/s  p50 ms  p95 ms  max ms");
            }
            List<IngestBenchmark.Result> results = new ArrayList<>();
            for (int c : clients) {
                IngestBenchmark.Result r = bench.run(c, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds));
                results.add(r);
                if (!json) {
                    System.out.printf(Locale.ROOT, "%7d  %12d  %6d  %6.1f  %11.1f  %6.0f  %6.0f  %6.0f%n",
                            r.clients(), r.transactions(), r.errors(), r.txPerSecond(), r.resourcesPerSecond(),
                            r.p50Ms(), r.p95Ms(), r.maxMs());
                }
            }
            if (json) {
                System.out.println(toJson(when, base, observations, results));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** A self-started server gets its own database (the benchmark leaves thousands of patients behind). */
    private static String[] withBenchDefaults(String[] serverArgs) {
        List<String> args = new ArrayList<>(List.of(serverArgs));
        if (!args.contains("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        if (!args.contains("--jdbc-url") && System.getenv("FHIR_SERVER_JDBC_URL") == null) {
            args.addAll(List.of("--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/anc_nehr_bench"));
        }
        return args.toArray(String[]::new);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    static String toJson(OffsetDateTime when, URI base, int observations, List<IngestBenchmark.Result> results)
            throws JsonProcessingException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", when.toString());
        out.put("baseUrl", base.toString());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("bundle", Map.of("patients", 1, "encounters", 1, "observations", observations));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IngestBenchmark.Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("clients", r.clients());
            row.put("seconds", round(r.seconds()));
            row.put("transactions", r.transactions());
            row.put("errors", r.errors());
            row.put("txPerSecond", round(r.txPerSecond()));
            row.put("resourcesPerSecond", round(r.resourcesPerSecond()));
            row.put("p50Ms", round(r.p50Ms()));
            row.put("p95Ms", round(r.p95Ms()));
            row.put("maxMs", round(r.maxMs()));
            rows.add(row);
        }
        out.put("results", rows);
        return new ObjectMapper().writeValueAsString(out);
    }

    /** Two decimals: the figures are not more precise than that. */
    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }
}
