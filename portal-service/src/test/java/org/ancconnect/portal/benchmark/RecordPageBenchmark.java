package org.ancconnect.portal.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.ancconnect.portal.nehr.NehrSeed;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.suite.Suite;
import org.ancconnect.testsupport.suite.SuitePeople;

/**
 * The doctor's record page under load (a command, not a test; see the README section "Records, doctor and patient
 * portals"): the suite and the packaged portal are started, a mother with {@code --visits} visits is seeded into the
 * NEHR with one transaction, doctors sign in through eSignet for real ({@code --sessions} sessions) and the mother
 * grants access by verifying with eSignet; then {@code --users} concurrent users load her record page (FHIR reads and
 * the AuditEvent publish included) for {@code --seconds} after a warm-up. Prints p50/p95/p99/max, throughput, errors,
 * the portal's resident memory (peak while loaded) and {@code uptime}; then waits for the audit relay to catch up and
 * checks that the NEHR holds at least one AuditEvent per record page shown (printing how long the relay took).
 */
public final class RecordPageBenchmark {

    private static final Pattern VOLUNTARY = Pattern.compile("name=\"claim\" value=\"([^\"]+)\"");
    private static final Pattern START = Pattern.compile("id=\"start-verification\" href=\"([^\"]+)\"");
    private static final Pattern SIGNED_IN = Pattern.compile(".*/(doctor|phm|admin|me)(/.*)?$");

    /** Record pages served (setup, warm-up and measured): each must have its AuditEvent in the NEHR at the end. */
    private static final AtomicInteger SHOWN = new AtomicInteger();

    /** Only the record page has the visits' {@code <details class="card">}: the grant and error pages do not. */
    private static final String RECORD_MARKER = "details class=\"card\"";

    private static final String PORTAL_JVM_OPTIONS = "anc.suite.jvm-options.portal-service";
    /**
     * The benchmark's own NEHR database, recreated at every run: never the module's test database. A run leaves tens
     * of thousands of AuditEvents behind (one per page), and the tests' reset between classes then failed (HTTP 409:
     * its conditional deletes stop short of that many, so a left AuditEvent still references a Practitioner) and
     * deleting them one by one took HAPI over ten minutes.
     */
    private static final String NEHR_DATABASE = "anc_nehr_bench_portal_service";

    private RecordPageBenchmark() {
    }

    /** The services' production JVM options, from the one place they are defined (quarkus-parent/pom.xml). */
    static String productionJvmOptions() throws IOException {
        String pom = Files.readString(org.ancconnect.testsupport.fhir.RepoRoot.find().resolve("quarkus-parent/pom.xml"));
        java.util.regex.Matcher m = Pattern.compile("<image.jvm-options>([^<]+)</image.jvm-options>").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("quarkus-parent/pom.xml has no <image.jvm-options>");
        }
        return m.group(1).trim();
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = Options.parse(args, Map.of("visits", 40, "users", 50, "sessions", 5, "seconds", 30, "warmup", 10,
                "extra", 6));
        // The portal under test runs with the production JVM options (quarkus-parent's image.jvm-options, a 512Mi pod,
        // C2), not the suite's C1-only test default; -Danc.suite.jvm-options.portal-service=... overrides them.
        System.setProperty(PORTAL_JVM_OPTIONS, System.getProperty(PORTAL_JVM_OPTIONS, "-XX:MaxRAM=512m " + productionJvmOptions()));
        System.out.println("portal JVM options: " + System.getProperty(PORTAL_JVM_OPTIONS));
        if (System.getProperty("anc.fhir.jdbc-url", System.getenv().getOrDefault("ANC_FHIR_JDBC_URL", "")).isBlank()) {
            Suite.dropDatabase(NEHR_DATABASE); // the NEHR launcher creates it again and installs the IG (about a minute)
            System.setProperty("anc.fhir.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/" + NEHR_DATABASE);
        }
        Suite suite = Suite.get();
        String portal = suite.startPortal();
        SuitePeople.Person mother = suite.mothers().getFirst();
        String phn = NehrSeed.mother(suite.fhirUrl(), NehrSeed.newPhn(), mother.fullName(), mother.birthDate(), null,
                opt.get("visits"), opt.get("extra"));
        String recordUrl = portal + "/doctor/patients/" + phn;

        List<Browser> sessions = new ArrayList<>();
        for (int i = 0; i < opt.get("sessions"); i++) {
            sessions.add(signIn(portal, suite.doctor().uin()));
        }
        grant(sessions.getFirst(), recordUrl, mother.uin());
        for (Browser b : sessions) {
            Browser.Page p = b.get(recordUrl);
            if (p.status() != 200 || !p.body().contains(RECORD_MARKER)) {
                throw new IllegalStateException("record page not shown after the grant: " + p.status());
            }
            SHOWN.incrementAndGet();
        }
        SHOWN.incrementAndGet(); // the record page the grant ended on
        System.out.printf("Seeded %d visits (%d measurements each); %d doctor sessions; grant by eSignet verification%n",
                opt.get("visits"), 2 + opt.get("extra"), sessions.size());

        long pid = portalPid();
        run(sessions, recordUrl, opt.get("users"), Duration.ofSeconds(opt.get("warmup")), null, pid);
        CpuMeter cpu = new CpuMeter(List.of("_suite", nehrDatabase()));
        PortalMetrics metricsBefore = PortalMetrics.read(portal);
        CpuMeter.Snapshot cpuBefore = cpu.snapshot();
        Result r = run(sessions, recordUrl, opt.get("users"), Duration.ofSeconds(opt.get("seconds")), new ArrayList<>(), pid);
        CpuMeter.Snapshot cpuAfter = cpu.snapshot();
        PortalMetrics metricsAfter = PortalMetrics.read(portal);
        System.out.printf("record page, %d visits, %d concurrent users, %d s: %d requests, %.1f req/s, errors %d%n",
                opt.get("visits"), opt.get("users"), opt.get("seconds"), r.count, r.count / (double) opt.get("seconds"), r.errors);
        System.out.printf("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f   (target p95 <= 150)%n",
                r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100));
        System.out.printf("portal RSS: %d MB before, peak %d MB under load (pid %d)%n", r.rssBefore / 1024, r.rssPeak / 1024, pid);
        System.out.println("uptime: " + new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip());
        CpuMeter.print(CpuMeter.between(cpuBefore, cpuAfter), r.count);
        metricsAfter.printDelta(metricsBefore);
        auditCheck(suite.fhirUrl(), phn, portal);
        System.exit(0);
    }

    /** The NEHR's database, whose PostgreSQL backends count as this benchmark's (set in {@code main}). */
    private static String nehrDatabase() {
        String url = System.getProperty("anc.fhir.jdbc-url", System.getenv().getOrDefault("ANC_FHIR_JDBC_URL", ""));
        return url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
    }

    /** Every page shown was audited: the relay's backlog drains into the NEHR; prints how long that took. */
    private static void auditCheck(String fhirUrl, String phn, String portal) throws InterruptedException {
        Instant start = Instant.now();
        int expected = SHOWN.get();
        int audited = NehrSeed.auditEvents(fhirUrl, phn);
        while (audited < expected && Duration.between(start, Instant.now()).toSeconds() < 300) {
            Thread.sleep(1000);
            audited = NehrSeed.auditEvents(fhirUrl, phn);
        }
        System.out.printf("audit: %d AuditEvents in the NEHR for %d record pages shown; relay backlog drained %.1f s after the run%s%n",
                audited, expected, Duration.between(start, Instant.now()).toMillis() / 1000.0,
                audited >= expected ? "" : "  ** MISSING AUDITS **");
        try {
            String metrics = new Browser().get(portal + "/q/metrics").body();
            metrics.lines().filter(l -> l.startsWith("portal_audit_") || l.startsWith("cache_gets_total{cache=\"portal")
                    || l.startsWith("portal_page_seconds") && l.contains("DoctorResource.patient"))
                    .filter(l -> !l.contains("_bucket")).forEach(l -> System.out.println("  " + l));
        } catch (RuntimeException e) {
            System.out.println("  (portal metrics not readable: " + e.getMessage() + ")");
        }
    }

    /** A doctor session: the portal's sign-in through identity-service and the eSignet stand-in's pages. */
    static Browser signIn(String portal, String uin) {
        Browser b = new Browser();
        Browser.Page idPage = b.open(portal + "/signin/staff", uri -> false);
        Browser.Page back = esignet(b, idPage, uin);
        Browser.Page home = b.follow(back, uri -> false);
        if (!SIGNED_IN.matcher(home.uri().toString()).matches()) {
            throw new IllegalStateException("doctor sign-in ended at " + home.uri() + " (" + home.status() + ")");
        }
        return b;
    }

    /** The mother verifies on the doctor's device; the portal records her grant and shows her record. */
    static void grant(Browser b, String recordUrl, String motherUin) {
        Browser.Page grantPage = b.get(recordUrl);
        Browser.Page handover = b.submit(grantPage, "/grant", Map.of());
        java.util.regex.Matcher link = START.matcher(handover.body());
        if (!link.find()) {
            throw new IllegalStateException("no hand-over link after starting the grant (" + handover.status() + ")");
        }
        Browser.Page toEsignet = b.open(link.group(1).replace("&amp;", "&"), uri -> false);
        Browser.Page record = b.follow(esignet(b, toEsignet, motherUin), uri -> false);
        if (record.status() != 200 || !record.uri().toString().equals(recordUrl)) {
            throw new IllegalStateException("grant did not end on the record page: " + record.uri() + " " + record.status()
                    + " (grant page " + grantPage.status() + ", verification " + toEsignet.uri() + " " + toEsignet.status() + ")");
        }
    }

    private static Browser.Page esignet(Browser b, Browser.Page idPage, String uin) {
        Browser.Page otp = b.submit(idPage, "/authorize/identify", Map.of("individualId", uin, "action", "next"));
        Browser.Page next = b.submit(otp, "/authorize/otp", Map.of("otp", EsignetStandin.FIXED_OTP, "action", "verify"));
        if (next.body() == null || !next.body().contains("/authorize/consent")) {
            return next;
        }
        // Every voluntary claim stays ticked, as a person clicking "allow" leaves them.
        List<String> claims = VOLUNTARY.matcher(next.body()).results().map(m -> m.group(1)).toList();
        return b.submit(next, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", claims));
    }

    private record Result(List<Long> nanos, int count, int errors, long rssBefore, long rssPeak) {
        double percentile(int p) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            int i = Math.min(nanos.size() - 1, (int) Math.ceil(p / 100.0 * nanos.size()) - 1);
            return nanos.get(Math.max(0, i)) / 1e6;
        }
    }

    private static Result run(List<Browser> sessions, String url, int users, Duration length, List<Long> into, long pid)
            throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(into == null ? new ArrayList<>() : into);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong peak = new AtomicLong();
        long before = rssKb(pid);
        Instant end = Instant.now().plus(length);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    peak.accumulateAndGet(rssKb(pid), Math::max);
                    Thread.sleep(250);
                }
                return null;
            });
            for (int u = 0; u < users; u++) {
                Browser b = sessions.get(u % sessions.size());
                pool.submit(() -> {
                    // One keep-alive connection per user, as each doctor's browser has its own.
                    try (PageClient client = new PageClient(url, b, RECORD_MARKER)) {
                        while (Instant.now().isBefore(end)) {
                            long t0 = System.nanoTime();
                            int status;
                            try {
                                status = client.get();
                            } catch (IOException e) {
                                status = -1;
                            }
                            long t = System.nanoTime() - t0;
                            if (status != 200) {
                                errors.incrementAndGet();
                            } else {
                                SHOWN.incrementAndGet();
                            }
                            latencies.add(t);
                        }
                    }
                });
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, sorted.size(), errors.get(), before, peak.get());
    }

    /** The packaged portal the suite started (its command line names its jar). */
    private static long portalPid() {
        return ProcessHandle.allProcesses().filter(ph -> ph.info().commandLine().orElse("")
                .contains("portal-service/target/quarkus-app/quarkus-run.jar")).mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("portal process not found"));
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
