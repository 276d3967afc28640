package org.ancconnect.fhirserver.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how many NEHR transaction bundles per second a FHIR server ingests: each bundle one ANC
 * visit of a new mother (1 Patient, 1 Encounter, N Observations, all conditional PUTs), posted by 1..n
 * concurrent clients for a fixed time after a warm-up. Every response is checked (HTTP 200 and one
 * "201 Created" per entry), so a fast server that silently drops writes does not score.
 */
public final class IngestBenchmark {

    /** The figures of one run with a given number of clients. */
    public record Result(int clients, double seconds, long transactions, long errors,
                         double txPerSecond, double p50Ms, double p95Ms, double maxMs, int entriesPerBundle) {

        public double resourcesPerSecond() {
            return txPerSecond * entriesPerBundle;
        }
    }

    private static final FhirContext CTX = FhirContext.forR4();

    private final URI baseUrl;
    private final int observations;
    private final HttpClient http;
    /** Unique per benchmark process, so PHNs never collide with an earlier run against the same database. */
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();

    public IngestBenchmark(URI baseUrl, int observations) {
        this.baseUrl = baseUrl;
        this.observations = observations;
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Posts bundles from {@code clients} threads: {@code warmup} unmeasured, then {@code measure} measured. */
    public Result run(int clients, Duration warmup, Duration measure) throws Exception {
        if (!warmup.isZero()) {
            drive(clients, warmup);
        }
        long started = System.nanoTime();
        List<long[]> perClient = drive(clients, measure);
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Long> latencies = new ArrayList<>();
        long errors = 0;
        for (long[] client : perClient) {
            errors += client[0];
            for (int i = 1; i < client.length; i++) {
                latencies.add(client[i]);
            }
        }
        latencies.sort(null);
        long ok = latencies.size();
        return new Result(clients, seconds, ok, errors, ok / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 1.0),
                2 + observations);
    }

    /** Returns per client: [errors, latency ns of each successful transaction...]. */
    private List<long[]> drive(int clients, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        List<long[]> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> postUntil(deadline)));
            }
            for (Future<long[]> f : futures) {
                results.add(f.get());
            }
        }
        return results;
    }

    private long[] postUntil(long deadline) throws Exception {
        IParser parser = CTX.newJsonParser();
        List<Long> latencies = new ArrayList<>();
        long errors = 0;
        int expectedCreated = 2 + observations;
        while (System.nanoTime() < deadline) {
            long n = sequence.incrementAndGet();
            String body = parser.encodeResourceToString(AncVisitBundles.ancVisit(
                    "BENCH" + runId + "-" + n, "ev" + runId + "-" + n,
                    OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)), observations));
            HttpRequest request = HttpRequest.newBuilder(baseUrl)
                    .header("Content-Type", "application/fhir+json")
                    .header("Accept", "application/fhir+json")
                    // Only the status line per entry is needed to check the outcome; skip echoing resources.
                    .header("Prefer", "return=minimal")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - t0;
            if (response.statusCode() == 200 && count(response.body(), "201 Created") == expectedCreated) {
                latencies.add(elapsed);
            } else {
                errors++;
                if (errors <= 3) {
                    System.err.println("bench: unexpected response " + response.statusCode() + ": "
                            + response.body().substring(0, Math.min(400, response.body().length())));
                }
            }
        }
        long[] out = new long[latencies.size() + 1];
        out[0] = errors;
        for (int i = 0; i < latencies.size(); i++) {
            out[i + 1] = latencies.get(i);
        }
        return out;
    }

    private static int count(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.size());
        return sortedNanos.get(Math.max(0, rank - 1)) / 1e6;
    }
}
