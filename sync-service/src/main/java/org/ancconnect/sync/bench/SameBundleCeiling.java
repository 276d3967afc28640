package org.ancconnect.sync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ancconnect.sync.delivery.NehrClient;
import org.ancconnect.sync.delivery.SharedResourceCache;
import org.ancconnect.sync.dhis2.Dhis2Client;
import org.ancconnect.sync.mapping.BundleCheck;
import org.ancconnect.sync.mapping.Dhis2User;
import org.ancconnect.sync.mapping.ProgramIndex;
import org.ancconnect.sync.mapping.ProgramMapping;
import org.ancconnect.sync.mapping.TrackedEntity;
import org.ancconnect.sync.mapping.TrackedEntityMapper;

/**
 * The NEHR's ingest ceiling for the bundles the pipeline sends: every tracked entity of a program is fetched from
 * DHIS2 as the worker fetches it ({@code fields=*}, with its users) before the clock starts; then {@code --clients}
 * threads take the entities one by one and, exactly as a consumer does, map each with the service's own mapper and
 * mapping file (same conditional upserts, same shared-resource elision through a {@link SharedResourceCache} that
 * remembers what this NEHR committed), check it and POST the transaction straight to the NEHR, which should hold
 * none of it (a fresh database, as the pipeline's run starts with). A 409 (two clients creating one shared resource)
 * is retried at once and counted; as in the worker, it does not clear the shared-resource cache. What is left out
 * compared with the pipeline: RabbitMQ, the DHIS2 fetch, the advisory locks and the sync log. Prints bundles/s
 * (= entities/s) and resources/s over the whole run and over the middle 80 % of commits, the same cut the pipeline's
 * report makes.
 *
 * <pre>java -cp 'sync-service/target/quarkus-app/app/*:sync-service/target/quarkus-app/lib/main/*' \
 *   org.ancconnect.sync.bench.SameBundleCeiling --dhis2 URL --nehr URL [--program eozjj9UivfS] [--clients 4]
 *   [--mapping-file PATH] [--user admin --password district] [--namespace http://dhis2.health.gov.lk/identifier/]</pre>
 */
public final class SameBundleCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String dhis2;
    private final String auth;

    private SameBundleCeiling(String dhis2, String user, String password) {
        this.dhis2 = dhis2;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("--program", "eozjj9UivfS", "--clients", "4", "--user", "admin",
                "--password", "district", "--namespace", "http://dhis2.health.gov.lk/identifier/", "--mapping-file",
                "mapping/anc-program.json"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        if (!a.containsKey("--dhis2") || !a.containsKey("--nehr")) {
            System.err.println("usage: SameBundleCeiling --dhis2 URL --nehr URL [--program P] [--clients N] [--mapping-file F]"
                    + " [--user U --password P] [--namespace NS]");
            System.exit(2);
        }
        new SameBundleCeiling(a.get("--dhis2"), a.get("--user"), a.get("--password")).run(a.get("--nehr"), a.get("--program"),
                Integer.parseInt(a.get("--clients")), a.get("--mapping-file"), a.get("--namespace"));
    }

    private void run(String nehr, String program, int clients, String mappingFile, String namespace) throws Exception {
        JsonNode info = get("/api/system/info");
        ZoneId zone = ZoneId.of(info.path("serverTimeZoneId").asText("UTC"));
        String version = info.path("version").asText();
        TrackedEntityMapper.Source source = new TrackedEntityMapper.Source(zone, info.path("systemId").asText(), version,
                namespace);
        ProgramMapping mapping;
        try (InputStream in = open(mappingFile)) {
            mapping = ProgramMapping.resolve(ProgramMapping.read(JSON, in),
                    ProgramIndex.fromDhis2Program(get("/api/programs/" + program + "?fields=" + enc(Dhis2Client.PROGRAM_FIELDS))));
        }
        boolean legacy = new Dhis2Client.SystemInfo(version, zone, "").legacy();

        long fetchStart = System.nanoTime();
        List<TrackedEntity> entities = new ArrayList<>();
        Set<String> usernames = new LinkedHashSet<>();
        for (int page = 1;; page++) {
            JsonNode body = get("/api/tracker/trackedEntities?program=" + program + "&" + (legacy ? "ouMode" : "orgUnitMode")
                    + "=ACCESSIBLE&order=updatedAt:asc&fields=trackedEntity&pageSize=500&page=" + page);
            JsonNode items = body.has("trackedEntities") ? body.get("trackedEntities") : body.path("instances");
            for (JsonNode item : items) {
                TrackedEntity te = TrackedEntity.parse(get("/api/tracker/trackedEntities/" + item.path("trackedEntity").asText()
                        + "?program=" + program + "&fields=*&includeDeleted=true"), zone);
                entities.add(te);
                usernames.addAll(TrackedEntityMapper.usernames(te));
            }
            if (items.size() < 500) {
                break;
            }
        }
        Map<String, Dhis2User> users = new HashMap<>();
        for (String username : usernames) {
            JsonNode found = get("/api/users?filter=" + enc("username:eq:" + username) + "&fields=" + enc(Dhis2Client.USER_FIELDS))
                    .path("users");
            if (!found.isEmpty()) {
                users.put(username, Dhis2Client.user(found.get(0)));
            }
        }
        System.out.printf("same-bundle ceiling: %d tracked entities and %d users fetched from DHIS2 in %.1f s (not timed);"
                + " %d clients posting to %s%n", entities.size(), users.size(), (System.nanoTime() - fetchStart) / 1e9, clients, nehr);

        SharedResourceCache cache = new SharedResourceCache(Duration.ofMinutes(10), System::nanoTime);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicLong resources = new AtomicLong();
        ConcurrentLinkedQueue<long[]> commits = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long cpuStart = processCpuNanos();
        long machineStart = machineBusyJiffies();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                for (int i = next.getAndIncrement(); i < entities.size(); i = next.getAndIncrement()) {
                    TrackedEntity te = entities.get(i);
                    try {
                        for (int attempt = 1;; attempt++) {
                            TrackedEntityMapper.Result r = TrackedEntityMapper.map(te, mapping, source, users, Set.of(), cache.of(nehr));
                            BundleCheck.check(r.bundle());
                            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(nehr))
                                    .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                                    .timeout(Duration.ofMinutes(2))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(r.bundle()))).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            if (resp.statusCode() == 200) {
                                int written = NehrClient.versions(resp.body()).size();
                                cache.committed(nehr, r.shared(), r.omitted());
                                resources.addAndGet(written);
                                commits.add(new long[] {System.nanoTime(), written});
                                break;
                            }
                            if (!r.omitted().isEmpty() && resp.statusCode() != 409) {
                                cache.forget(nehr); // as SyncWorker.post: a refusal, not a race, may mean lost resources
                            }
                            if (resp.statusCode() != 409 || attempt >= 20) {
                                failures.add(te.uid() + ": " + resp.statusCode() + " "
                                        + new String(resp.body(), StandardCharsets.UTF_8).substring(0, Math.min(300, resp.body().length)));
                                break;
                            }
                            conflicts.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        failures.add(te.uid() + ": " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuNanos() - cpuStart;
        long machine = machineStart < 0 ? -1 : machineBusyJiffies() - machineStart;
        long[][] done = commits.toArray(new long[0][]);
        Arrays.sort(done, (x, y) -> Long.compare(x[0], y[0]));
        System.out.printf("same-bundle ceiling: %d bundles (entities), %d FHIR resources written in %.1f s = %.2f entities/s,"
                + " %.1f resources/s (%d clients); %d retried after a 409 race; %d failed%n", done.length, resources.get(), seconds,
                done.length / seconds, resources.get() / seconds, clients, conflicts.get(), failures.size());
        // The middle 80 % of commits in time order (deciles 2 to 9), as the pipeline's report counts them.
        int from = done.length / 10;
        int to = done.length - done.length / 10 - 1;
        if (to > from) {
            long midResources = 0;
            for (int i = from; i <= to; i++) {
                midResources += done[i][1];
            }
            double mid = (done[to][0] - done[from][0]) / 1e9;
            System.out.printf("same-bundle ceiling, middle 80 %% of commits: %d entities, %d resources in %.1f s = %.2f entities/s,"
                    + " %.1f resources/s%n", to - from + 1, midResources, mid, (to - from + 1) / mid, midResources / mid);
        }
        if (done.length > 0) {
            // The pipeline's report sets its own whole-machine figure against this one (bench/cpu-accounting.sh).
            System.out.printf("same-bundle ceiling, CPU per entity of the timed part: client JVM %.1f ms, machine %s%n",
                    cpu / 1e6 / done.length, machine < 0 ? "n/a" : String.format("%.1f ms (every process and the kernel: only a"
                            + " figure on a quiet machine)", machine * 1000.0 / JIFFIES_PER_SECOND / done.length));
        }
        failures.stream().limit(5).forEach(f -> System.out.println("  failed " + f));
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /** USER_HZ of /proc/stat: 100 on every Linux architecture the JVM runs on. */
    private static final int JIFFIES_PER_SECOND = 100;

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Busy jiffies of all cores (user, nice, system, irq, softirq, steal) from Linux's /proc/stat; -1 elsewhere. */
    private static long machineBusyJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(dhis2 + path)).header("Authorization", auth)
                .header("Accept", "application/json").timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("DHIS2 answered " + r.statusCode() + " to " + path);
        }
        return JSON.readTree(r.body());
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = SameBundleCeiling.class.getClassLoader().getResourceAsStream(name);
        return in != null ? in : Files.newInputStream(Path.of(name));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
