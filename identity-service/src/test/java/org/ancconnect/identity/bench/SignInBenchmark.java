package org.ancconnect.identity.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.ancconnect.testsupport.esignet.EsignetTestResource.InjectEsignet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load generator for the budget "sign-in round trip through identity-service adds <= 50 ms p95 on top of the
 * stand-in's own time". Each iteration runs, back to back, (a) a bare relying party's sign-in straight against the
 * stand-in (PAR push, authorize pages, token with private_key_jwt, userinfo: the stand-in's own time) and (b) the same person's
 * staff sign-in through identity-service including the portal's code exchange; it prints p50/p95/p99 of both and of
 * the per-iteration difference, and the CPU time both servers spend per sign-in. Prints figures, asserts nothing.
 *
 * <p>Warm-up: 400 iterations by default. identity-service's CPU time per sign-in falls from 77 ms over the first 50
 * sign-ins to 24 ms after about 350 and stays there (measured 2026-11-21, block by block, under load): until then the
 * JIT is still compiling the sign-in path. The stand-in reaches its level sooner (it serves two sign-ins per iteration
 * and runs with C1 only). With the former 30 iterations the figures charged identity-service with JIT compilation a
 * long-running service does once. The printed warming curve shows where a run's plateau is. Run:
 * {@code ./mvnw -f identity-service/pom.xml verify -Dtest=SignInBenchmark -Danc.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
@EnabledIfSystemProperty(named = "anc.benchmark", matches = "true")
class SignInBenchmark {

    private static final int WARMUP = Integer.getInteger("anc.benchmark.warmup", 400);
    private static final int ITERATIONS = Integer.getInteger("anc.benchmark.iterations", 200);
    /** Optional: a JFR file ("profile" settings) recording only the measured iterations. */
    private static final String JFR_FILE = System.getProperty("anc.benchmark.jfr");
    private static final int CURVE_BLOCK = 50;
    private static final String PHM = "8103746529";
    /** The test profile's portal client credential (application.properties, %test). */
    private static final String PORTAL_CREDENTIAL = "Basic "
            + Base64.getEncoder().encodeToString("portal:test-only-portal-client-secret".getBytes(StandardCharsets.UTF_8));
    private static final String DIRECT_REDIRECT = "http://bench.invalid/callback";
    private static final Predicate<URI> OUTSIDE = uri -> uri.getHost().endsWith(".invalid");

    @InjectEsignet
    EsignetStandin esignet;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, List<Long>> hops = new TreeMap<>();

    @Test
    void signInRoundTrip() throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench");
        String clientId = "bench-direct-" + UUID.randomUUID();
        esignet.registerClient(clientId, key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), "anc-connect-staff",
                List.of(DIRECT_REDIRECT), List.of("name", "individual_id"), List.of("mosip:idp:acr:generated-code"), true, false);
        String loadBefore = load();
        Instant started = Instant.now();
        List<Long> direct = new ArrayList<>();
        List<Long> identity = new ArrayList<>();
        CpuTime cpu = new CpuTime();
        long standinDirect = 0;
        long standinIdentity = 0;
        long identityThreads = 0;
        List<Double> warmingCurve = new ArrayList<>();
        long blockCpu = 0;
        Recording recording = null;
        for (int i = 0; i < WARMUP + ITERATIONS; i++) {
            boolean measured = i >= WARMUP;
            if (i == WARMUP && JFR_FILE != null) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.start();
            }
            long standinA = cpu.standin();
            long a = System.nanoTime();
            directSignIn(clientId, key);
            long b = System.nanoTime();
            long standinB = cpu.standin();
            cpu.identityThreads(false);
            long c = System.nanoTime();
            identitySignIn(measured);
            long d = System.nanoTime();
            long standinD = cpu.standin();
            long threads = cpu.identityThreads(measured);
            blockCpu += threads;
            if ((i + 1) % CURVE_BLOCK == 0) {
                warmingCurve.add(blockCpu / 1e6 / CURVE_BLOCK);
                blockCpu = 0;
            }
            if (measured) {
                direct.add(b - a);
                identity.add(d - c);
                standinDirect += standinB - standinA;
                standinIdentity += standinD - standinB;
                identityThreads += threads;
            }
        }
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(JFR_FILE));
            recording.close();
        }
        List<Long> delta = new ArrayList<>();
        for (int i = 0; i < direct.size(); i++) {
            delta.add(identity.get(i) - direct.get(i));
        }
        System.out.printf("%nSign-in benchmark %s .. %s UTC, %d iterations after %d warm-up, %d cores (ms):%n", started,
                Instant.now(), ITERATIONS, WARMUP, Runtime.getRuntime().availableProcessors());
        System.out.printf("  load average (1, 5, 15 min) before: %s, after: %s%n", loadBefore, load());
        long[] bare = print("stand-in alone (bare RP)", direct);
        long[] through = print("through identity-service", identity);
        long[] added = print("added by identity-service", delta);
        System.out.printf("  (p95 through identity-service minus p95 of the bare RP: %.1f; the verdict uses the stricter per-iteration"
                + " difference above)%n", ms(through, 0.95) - ms(bare, 0.95));
        System.out.println("  per hop of the identity-service flow (first and last hop include the redirect's start):");
        hops.forEach(SignInBenchmark::print);
        System.out.printf("  CPU time per sign-in (ms; survives a loaded machine): identity-service's threads %.2f (event loops %.2f,"
                + " worker pool %.2f); stand-in process %.2f for the bare RP's sign-in, %.2f for identity-service's%n",
                identityThreads / 1e6 / ITERATIONS, cpu.eventLoops / 1e6 / ITERATIONS, cpu.workers / 1e6 / ITERATIONS,
                standinDirect / 1e6 / ITERATIONS, standinIdentity / 1e6 / ITERATIONS);
        System.out.printf("  identity-service's CPU per sign-in by block of %d iterations from the first (the JIT warming up): %s%n",
                CURVE_BLOCK, warmingCurve.stream().map(ms -> String.format("%.1f", ms)).collect(Collectors.joining(" ")));
        if (JFR_FILE != null) {
            System.out.println("  JFR recording of the measured iterations (this JVM): " + JFR_FILE);
        }
        double addedP95 = ms(added, 0.95);
        System.out.printf("  budget (issue 4): added p95 <= 50 ms: %.1f ms, %s%n", addedP95, addedP95 <= 50 ? "MET" : "MISSED");
        System.out.println("  bare RP = PAR push, authorize pages, token (private_key_jwt), userinfo straight at the stand-in;"
                + " through identity-service = the same stand-in calls via /signin/staff plus the portal's code exchange;"
                + " added = per-iteration difference. A load average above the core count means every process waits for a"
                + " core: such figures are not final.");
    }

    /** The machine's load average (Linux /proc/loadavg; else the JVM's one-minute figure). */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void directSignIn(String clientId, RsaJsonWebKey key) throws Exception {
        String verifier = UUID.randomUUID() + "." + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        // Pushed like identity-service's request (PAR), so both sides use the same protocol and the same stand-in calls.
        String parEndpoint = esignet.issuer() + "/v1/esignet/oauth/par";
        String pushedForm = "response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(DIRECT_REDIRECT)
                + "&scope=openid&state=s&nonce=" + UUID.randomUUID() + "&code_challenge=" + challenge + "&code_challenge_method=S256&claims="
                + enc("{\"userinfo\":{\"name\":{\"essential\":true}}}") + "&client_assertion_type="
                + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") + "&client_assertion=" + enc(assertion(clientId, key, esignet.issuer()));
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create(parEndpoint.replace("localhost", "127.0.0.1")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(pushedForm)).build(),
                HttpResponse.BodyHandlers.ofString());
        String requestUri = pushed.body().replaceAll(".*\"request_uri\":\"([^\"]+)\".*", "$1");
        Browser browser = new Browser();
        Browser.Page id = browser.get(esignet.issuer().replace("localhost", "127.0.0.1") + "/authorize?client_id=" + clientId
                + "&request_uri=" + enc(requestUri));
        Browser.Page otp = browser.submit(id, "/authorize/identify", Map.of("individualId", PHM, "action", "next"));
        Browser.Page back = browser.submit(otp, "/authorize/otp", Map.of("otp", EsignetStandin.FIXED_OTP, "action", "verify"));
        if (!back.isRedirect()) {
            back = browser.submit(back, "/authorize/consent", Map.of("action", "allow"));
        }
        String tokenEndpoint = esignet.issuer() + "/v1/esignet/oauth/v2/token";
        String form = "grant_type=authorization_code&code=" + enc(back.locationParam("code")) + "&redirect_uri=" + enc(DIRECT_REDIRECT)
                + "&code_verifier=" + enc(verifier) + "&client_id=" + enc(clientId)
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion(clientId, key, tokenEndpoint));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint.replace("localhost", "127.0.0.1")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        http.send(HttpRequest.newBuilder(URI.create(esignet.issuer().replace("localhost", "127.0.0.1") + "/v1/esignet/oidc/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void identitySignIn(boolean measured) throws Exception {
        String identity = ConfigProvider.getConfig().getValue("identity.public-url", String.class);
        Browser browser = new Browser();
        Browser.Page id = followTimed(browser, browser.get(identity + "/signin/staff?return=" + enc("http://portal.test.invalid/")), measured);
        Browser.Page otp = browser.submit(id, "/authorize/identify", Map.of("individualId", PHM, "action", "next"));
        Browser.Page back = browser.submit(otp, "/authorize/otp", Map.of("otp", EsignetStandin.FIXED_OTP, "action", "verify"));
        if (!back.isRedirect()) {
            back = browser.submit(back, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("individual_id")));
        }
        Browser.Page portal = followTimed(browser, back, measured);
        long start = System.nanoTime();
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(identity + "/api/v1/sessions"))
                .header("Content-Type", "application/json").header("Authorization", PORTAL_CREDENTIAL)
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + portal.locationParam("code") + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (session.statusCode() != 201) {
            throw new IllegalStateException("Session exchange failed: " + session.body());
        }
        if (measured) {
            hops.computeIfAbsent("POST /api/v1/sessions", k -> new ArrayList<>()).add(System.nanoTime() - start);
        }
    }

    /** Follows redirects one hop at a time, timing each hop by path (where identity-service's share goes). */
    private Browser.Page followTimed(Browser browser, Browser.Page page, boolean measured) {
        Browser.Page current = page;
        while (current.isRedirect()) {
            URI next = current.uri().resolve(current.location());
            if (OUTSIDE.test(next)) {
                return current;
            }
            long start = System.nanoTime();
            current = browser.get(next.toString());
            if (measured) {
                hops.computeIfAbsent("GET " + next.getPath(), k -> new ArrayList<>()).add(System.nanoTime() - start);
            }
        }
        return current;
    }

    private static String assertion(String clientId, RsaJsonWebKey key, String audience) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static long[] print(String label, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  %-28s p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f%n", label, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
        return sorted;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
