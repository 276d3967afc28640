package org.ancconnect.phn.evaluation;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ancconnect.phn.matching.MatchRecord;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;

/**
 * Benchmark command: loads N synthetic persons (COPY) into a dedicated database, starts two packaged
 * instances of the service against it, runs the concurrency trials (8 identical registrations released
 * together, 4 to each instance, per trial) and then the latency run (4 clients registering corrupted
 * duplicates and new mothers end to end for a fixed time), and prints the figures.
 * Needs {@code ./mvnw -f phn-service/pom.xml package -DskipTests} first. Args: persons trials seconds.
 */
public final class RegistryBenchmark {

    /** The benchmark's own database ({@code -Dbench.db}, default anc_phn_bench), dropped and reloaded when smaller. */
    private static final String DB = System.getProperty("bench.db", "anc_phn_bench");
    private static final String NIC_KEY = "benchmark-nic-hash-key-0000000000000000";
    private static final int CLIENTS = 8;

    private RegistryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        TestInternalIssuer issuer = TestInternalIssuer.get();
        Tokens token = new Tokens(issuer);
        List<Process> instances = new ArrayList<>();
        try {
            String jdbc = "jdbc:postgresql://127.0.0.1:5432/" + DB;
            long present = BenchmarkLoader.count(jdbc);
            if (present >= 0 && present < persons) {
                // A smaller or older registry (blocking keys of another normaliser version): start afresh.
                BenchmarkLoader.drop(DB);
                present = 0;
            }
            instances.add(start(18182, issuer.issuer()));
            await(18182);
            List<LabelledRecord> population = new SyntheticPopulation(11).generate(persons);
            if (present < persons) {
                long t0 = System.nanoTime();
                System.out.printf("loading %d persons (registry holds %d)%n", persons, present);
                BenchmarkLoader.load(jdbc, population, NIC_KEY);
                System.out.printf("load took %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            instances.add(start(18183, issuer.issuer()));
            await(18183);
            // HTTP/1.1 keep-alive, as the suite's services call each other: the JDK client's default h2c upgrade
            // put every request on HTTP/2 (the instance logged a "Connection closed" exception per request).
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            concurrency(http, token, trials);
            latency(http, token, population, seconds, cpuMeter(jdbc, instances));
        } catch (Exception e) {
            e.printStackTrace();
            instances.forEach(Process::destroy);
            // The token issuer's HTTP server is not a daemon: end the command explicitly.
            System.exit(1);
        }
        instances.forEach(Process::destroy);
        System.exit(0);
    }

    /** Internal tokens are short-lived: a fresh one every minute keeps a long run authenticated. */
    private static final class Tokens {
        private final TestInternalIssuer issuer;
        private String token;
        private long mintedAt;

        Tokens(TestInternalIssuer issuer) {
            this.issuer = issuer;
        }

        synchronized String get() {
            if (token == null || System.nanoTime() - mintedAt > 60_000_000_000L) {
                token = issuer.staffToken("bench", "DiszpKrYNg8", "PHM");
                mintedAt = System.nanoTime();
            }
            return token;
        }
    }

    private static void concurrency(HttpClient http, Tokens token, int trials) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        int duplicates = 0;
        int errors = 0;
        long start = System.nanoTime();
        for (int t = 0; t < trials; t++) {
            // A mother nobody else is: trials test concurrency, so they must not become each other's namesakes
            // (a shared family name and a handful of birth dates made earlier trials close candidates).
            String given = org.ancconnect.phn.registration.RegistrationFixtures.uniqueName();
            String family = org.ancconnect.phn.registration.RegistrationFixtures.uniqueName();
            String dob = java.time.LocalDate.of(1985, 1, 1).plusDays(t % 7000).toString();
            String sourceId = UUID.randomUUID().toString();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                // Half the clients retry one source record, half send the same mother from other sources.
                String body = body(c % 2 == 0 ? sourceId : UUID.randomUUID().toString(), given, family, dob, null,
                        null, "Kandy");
                int port = c % 2 == 0 ? 18182 : 18183;
                results.add(pool.submit(() -> {
                    go.await();
                    return phnOf(http.send(request(port, token.get(), body), HttpResponse.BodyHandlers.ofString()));
                }));
            }
            go.countDown();
            Set<String> phns = new HashSet<>();
            for (Future<String> f : results) {
                phns.add(f.get());
            }
            if (phns.contains(null)) {
                errors++;
            }
            phns.remove(null);
            if (phns.size() > 1) {
                duplicates++;
            }
        }
        pool.shutdown();
        System.out.printf("concurrency: %d trials x %d identical registrations over 2 instances: %d trial(s) with"
                + " more than one PHN, %d with an error response (%.1f s)%n", trials, CLIENTS, duplicates, errors,
                (System.nanoTime() - start) / 1e9);
    }

    /** The processes a registration costs CPU in: both instances, PostgreSQL, RabbitMQ and this load generator. */
    private static ProcessCpu cpuMeter(String jdbc, List<Process> instances) throws Exception {
        ProcessCpu cpu = new ProcessCpu().add("phn instance 18182 (under load)", List.of(instances.get(0).pid()))
                .add("phn instance 18183 (no requests: relay, schedulers)", List.of(instances.get(1).pid()));
        try (var c = BenchmarkLoader.connect(jdbc)) {
            Map<String, List<Long>> pg = ProcessCpu.postgres(c, DB);
            cpu.add("PostgreSQL backends of " + DB, pg.getOrDefault("backends", List.of()))
                    .add("PostgreSQL WAL writer, checkpointer, bgwriter (whole server)", pg.getOrDefault("writers", List.of()));
        }
        return cpu.add("RabbitMQ (whole broker)", ProcessCpu.byCommand("beam.smp"))
                .add("load generator and token issuer (this JVM)", List.of(ProcessHandle.current().pid()));
    }

    private static void latency(HttpClient http, Tokens token, List<LabelledRecord> population, int seconds,
            ProcessCpu cpu) throws Exception {
        List<LabelledRecord> repeats = population.stream().filter(r -> !r.id().endsWith("-0")).toList();
        Map<String, Long> cpuBefore = cpu.sample();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<long[]>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                long[] samples = new long[1_000_000];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    // Four in five registrations are repeat visits of registered mothers, one in five a new mother:
                    // a woman of her own (a made-up name, a birth date between 1980 and 2005), not one of a
                    // growing crowd of namesakes sharing family name, birth date and district.
                    String body = i % 5 == 4 ? body(UUID.randomUUID().toString(),
                            org.ancconnect.phn.registration.RegistrationFixtures.uniqueName(),
                            org.ancconnect.phn.registration.RegistrationFixtures.uniqueName(),
                            java.time.LocalDate.of(1980, 1, 1).plusDays(Math.floorMod(i * 7919L, 9131)).toString(),
                            null, null, "Galle") : repeat(repeats.get(i % repeats.size()));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request(18182, token.get(), body),
                            HttpResponse.BodyHandlers.ofString());
                    samples[n++] = System.nanoTime() - t0;
                    if (r.statusCode() >= 300 && failed.getAndIncrement() < 5) {
                        System.out.println("  " + r.statusCode() + " " + r.body());
                    }
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : clients) {
            for (long v : f.get()) {
                all.add(v);
            }
        }
        Map<String, Long> cpuAfter = cpu.sample();
        pool.shutdown();
        all.sort(Long::compare);
        System.out.printf("latency: %d registrations in %d s with 4 clients = %.1f registrations/s; p50 %.1f ms,"
                + " p95 %.1f ms, p99 %.1f ms; %d error responses%n", all.size(), seconds, all.size() / (double) seconds,
                pct(all, 0.50), pct(all, 0.95), pct(all, 0.99), failed.get());
        // CPU per registration survives a shared machine where wall-clock latency does not.
        Map<String, Double> perRegistration = ProcessCpu.perOperation(cpuBefore, cpuAfter, all.size());
        System.out.println("CPU per registration (ms, from /proc/<pid>/stat):");
        perRegistration.forEach((label, ms) -> System.out.printf("  %-62s %6.2f%n", label, ms));
        System.out.printf("  %-62s %6.2f%n", "total", perRegistration.values().stream().mapToDouble(Double::doubleValue).sum());
        // The machine is shared: the load average says what else ran during the measurement.
        System.out.println("uptime: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim());
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())) / 1e6;
    }

    private static String repeat(LabelledRecord r) {
        MatchRecord m = r.record();
        String dob = m.birthDate().substring(0, 4) + "-" + m.birthDate().substring(4, 6) + "-" + m.birthDate().substring(6, 8);
        return body(UUID.randomUUID().toString(), m.names().get(0).given(), m.names().get(0).family(), dob,
                m.birthDateEstimated(), m.phone(), m.otherId(), m.district());
    }

    private static String body(String sourceId, String given, String family, String dob, String phone, String nic,
            String district) {
        return body(sourceId, given, family, dob, false, phone, nic, district);
    }

    private static String body(String sourceId, String given, String family, String dob, boolean estimated,
            String phone, String nic, String district) {
        return "{\"sourceSystem\":\"bench\",\"sourceId\":\"" + sourceId + "\",\"givenNames\":[\"" + given
                + "\"],\"familyName\":\"" + family + "\",\"birthDate\":\"" + dob + "\",\"birthDateEstimated\":"
                + estimated + ","
                + "\"sex\":\"female\"" + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                + (nic == null ? "" : ",\"nic\":\"" + nic + "\"") + ",\"address\":{\"district\":\"" + district + "\"}}";
    }

    private static HttpRequest request(int port, String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/registrations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String phnOf(HttpResponse<String> r) {
        return r.statusCode() < 300 ? new io.vertx.core.json.JsonObject(r.body()).getString("phn") : null;
    }

    private static Process start(int port, String issuer) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g"));
        if (Boolean.getBoolean("bench.jfr")) {
            // Profile of the instance under load: jfr print --events jdk.ExecutionSample target/bench-<port>.jfr
            command.add("-XX:StartFlightRecording=filename=target/bench-" + port + ".jfr,settings=profile");
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        // The module directory: Maven's exec:java runs in the directory Maven was started from.
        File module = new File(System.getProperty("bench.basedir", "."));
        ProcessBuilder pb = new ProcessBuilder(command).directory(module);
        Map<String, String> env = pb.environment();
        env.put("PHN_HTTP_PORT", String.valueOf(port));
        env.put("PHN_DB_NAME", DB);
        env.put("ANC_INTERNAL_ISSUER", issuer);
        env.put("PHN_PERMUTATION_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddee01");
        env.put("PHN_NIC_HASH_KEY", NIC_KEY);
        pb.redirectErrorStream(true).redirectOutput(new File(module, "target/bench-" + port + ".log"));
        return pb.start();
    }

    private static void await(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("instance on port " + port + " did not become ready; see target/bench-" + port + ".log");
    }
}
