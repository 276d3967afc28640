package org.ancconnect.testsupport.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.ChildProcesses;
import org.ancconnect.testsupport.JvmLocks;
import org.ancconnect.testsupport.dhis2.Dhis2StandinTestResource;
import org.ancconnect.testsupport.esignet.ClientKeystore;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.ancconnect.testsupport.fhir.FhirServerReset;
import org.ancconnect.testsupport.fhir.RepoRoot;
import org.ancconnect.testsupport.fhir.SharedFhirServer;
import org.ancconnect.testsupport.suite.SuitePeople.Person;
import org.ancconnect.testsupport.suite.SuitePeople.Staff;

/**
 * The whole suite but the portal (see {@link #startPortal()}), started once per test JVM for the portal's tests and stopped when the JVM exits:
 * the NEHR (the real HAPI FHIR JPA server), the eSignet and DHIS2 stand-ins, and phn-service, identity-service and
 * sync-service from their packaged jars, wired as {@code infra/run-local.sh} wires them (random secrets per run),
 * on fresh databases ({@code anc_*_suite}) and an emptied NEHR so every run starts from the same state. The portal
 * under test gets {@link #portalConfig()}: its port is chosen here because identity-service must know the portal's
 * return URL before it starts.
 *
 * <p>System property {@code anc.suite.otlp-endpoint} (an OTLP/HTTP base URL) switches OpenTelemetry on in every
 * service started here, exporting traces to it at once (the batch delay shortened), for cross-service trace tests.
 */
public final class Suite {

    /** Databases of this launcher's services: never the services' own {@code *_test} ones, never production names. */
    private static final List<String> DATABASES = List.of("anc_identity_suite", "anc_phn_suite", "anc_sync_suite", "anc_dhis2_suite");
    /**
     * The suite's own exchange and queues on the shared broker: phn-service's module tests publish patient events
     * to {@code anc.events}, which must not reach the suite's sync-service (and the suite's must not reach theirs).
     */
    private static final String EVENTS_PREFIX = "suite.";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Suite instance;

    private final Path root = RepoRoot.find();
    private final Path work = Path.of("target", "suite").toAbsolutePath();
    private final SuitePeople people = SuitePeople.load(root);
    private final List<AutoCloseable> started = new ArrayList<>();
    private final int portalPort = ChildProcesses.freePort();
    private final String portalClientSecret = secret();
    private String fhirUrl;
    private EsignetStandin esignet;
    private String dhis2Url;
    private ServiceProcess phn;
    private ServiceProcess identity;
    private ServiceProcess sync;
    private ServiceProcess portal;

    private Suite() {
    }

    /** The running suite; starts it on first use (a minute or two: the FHIR server dominates). */
    public static synchronized Suite get() {
        if (instance == null) {
            holdMachineLock();
            Suite suite = new Suite();
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "suite-stop"));
            suite.start();
            instance = suite;
        }
        return instance;
    }

    /**
     * The suite's databases, exchange and queues have fixed names: two test JVMs (the portal's tests and the system
     * tests, or two developers) would reset each other's. The second waits, holding an OS file lock that the JVM's
     * exit releases however it ends.
     */
    private static void holdMachineLock() {
        JvmLocks.holdForJvmLifetime(Path.of(System.getProperty("java.io.tmpdir"), "anc-connect-suite.lock"),
                "suite: another test JVM on this machine runs the suite; waiting for it to finish");
    }

    private void start() {
        try {
            DATABASES.forEach(Suite::dropDatabase);
            fhirUrl = SharedFhirServer.baseUrl().toString();
            FhirServerReset.deleteAllData(SharedFhirServer.baseUrl());

            Path seed = work.resolve("esignet-seed.json");
            people.writeEsignetSeed(root, seed);
            esignet = EsignetStandin.start("suite", "127.0.0.1", Map.of("esignet.seed-file", seed.toString()));
            started.add(esignet);

            Dhis2StandinTestResource dhis2 = new Dhis2StandinTestResource();
            dhis2.init(Map.of("db", "anc_dhis2_suite"));
            dhis2Url = dhis2.start().get("sync.dhis2.base-url");
            started.add(dhis2::stop);

            int identityPort = ChildProcesses.freePort();
            String identityUrl = "http://127.0.0.1:" + identityPort;
            String issuer = identityUrl + "/internal";

            // identity-service first: the others fetch its discovery document (the internal issuer) when they start.
            int phnPort = ChildProcesses.freePort();
            startIdentity(identityPort, identityUrl, issuer, "http://127.0.0.1:" + phnPort);

            phn = ServiceProcess.start(root, "phn-service", "phn-service", phnPort, withTracing(Map.of(
                    "PHN_HTTP_PORT", String.valueOf(phnPort),
                    "PHN_DB_NAME", "anc_phn_suite",
                    "ANC_INTERNAL_ISSUER", issuer,
                    "PHN_PERMUTATION_KEY", HexFormat.of().formatHex(bytes(32)),
                    "PHN_NIC_HASH_KEY", secret(),
                    "PHN_EVENTS_EXCHANGE", EVENTS_PREFIX + "anc.events")), work);
            started.add(phn);

            int syncPort = ChildProcesses.freePort();
            sync = ServiceProcess.start(root, "sync-service", "sync-service", syncPort, withTracing(Map.of(
                    "SYNC_HTTP_PORT", String.valueOf(syncPort),
                    "SYNC_DB_NAME", "anc_sync_suite",
                    "ANC_INTERNAL_ISSUER", issuer,
                    "ANC_NEHR_BASE_URL", fhirUrl,
                    "SYNC_DHIS2_BASE_URL", dhis2Url,
                    "SYNC_DHIS2_USERNAME", Dhis2StandinTestResource.USERNAME,
                    "SYNC_DHIS2_PASSWORD", Dhis2StandinTestResource.PASSWORD,
                    // Visits recorded in a browser test should reach the NEHR within seconds, not the default 30 s.
                    "SYNC_DETECTION_INTERVAL", "3s",
                    "SYNC_WEBHOOK_TOKEN", secret(),
                    "SYNC_RABBITMQ_QUEUE_PREFIX", EVENTS_PREFIX)), work);
            started.add(sync);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startIdentity(int port, String url, String issuer, String phnUrl) throws IOException {
        String keystorePassword = secret();
        ClientKeystore keys = ClientKeystore.generate(work.resolve("identity-clients.p12"), keystorePassword,
                List.of("staff", "patient", "verify"));
        EsignetTestResource.registerSuiteClients(esignet, keys, url);
        Path staffSeed = work.resolve("staff-seed.json");
        people.writeStaffSeed(staffSeed);
        Map<String, String> env = new HashMap<>();
        env.put("IDENTITY_HTTP_PORT", String.valueOf(port));
        env.put("IDENTITY_PUBLIC_URL", url);
        env.put("IDENTITY_PORTAL_RETURN_URLS", portalUrl() + "/");
        env.put("IDENTITY_DB_NAME", "anc_identity_suite");
        env.put("ANC_INTERNAL_ISSUER", issuer);
        env.put("IDENTITY_TOKEN_KEY_ENCRYPTION_KEY", secret());
        env.put("IDENTITY_NATIONAL_ID_HASH_KEY", secret());
        env.put("IDENTITY_OIDC_STATE_SECRET", secret());
        env.put("IDENTITY_OIDC_COOKIE_SECRET", secret());
        env.put("IDENTITY_KEYSTORE_FILE", keys.file().toAbsolutePath().toString());
        env.put("IDENTITY_KEYSTORE_PASSWORD", keystorePassword);
        env.put("IDENTITY_STAFF_SEED_FILE", staffSeed.toString());
        env.put("IDENTITY_PHN_URL", phnUrl);
        env.put("IDENTITY_ESIGNET_ISSUER", esignet.issuer());
        env.put("IDENTITY_ESIGNET_USERINFO_JWKS_URL", esignet.identitySystemJwksUrl());
        env.put("IDENTITY_ESIGNET_USERINFO_ISSUERS", "https://mock-identity-system.esignet-standin.invalid");
        env.put("IDENTITY_PORTAL_CLIENT_SECRET", portalClientSecret);
        identity = ServiceProcess.start(root, "identity-service", "identity-service", port, withTracing(env), work);
        started.add(identity);
    }

    /**
     * Starts the packaged portal-service too (system tests; the portal's own tests run it as the application under
     * test instead), configured with {@link #portalConfig()} through environment variables.
     */
    public synchronized String startPortal() {
        if (portal == null) {
            Map<String, String> env = new HashMap<>();
            portalConfig().forEach((key, value) -> {
                if (!key.startsWith("quarkus.")) {
                    env.put(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value);
                }
            });
            env.put("PORTAL_HTTP_PORT", String.valueOf(portalPort));
            // Java's HTTP client (the system tests' browser) sends Secure cookies only over https; Chromium, which
            // the portal's own browser tests use, treats 127.0.0.1 as secure and needs no such exception.
            env.put("PORTAL_SESSION_SECURE_COOKIES", "false");
            // The record views' audit queue, like every other suite queue, under the suite's own prefix.
            env.put("PORTAL_AUDIT_QUEUE_PREFIX", EVENTS_PREFIX);
            portal = ServiceProcess.start(root, "portal-service", "portal-service", portalPort, withTracing(env), work);
            started.add(portal);
        }
        return portal.url();
    }

    private static Map<String, String> withTracing(Map<String, String> env) {
        String endpoint = System.getProperty("anc.suite.otlp-endpoint", "");
        if (endpoint.isBlank()) {
            return env;
        }
        Map<String, String> traced = new HashMap<>(env);
        traced.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        traced.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint);
        traced.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        traced.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
        return traced;
    }

    /** The portal-under-test's configuration (a Quarkus test resource returns it). */
    public Map<String, String> portalConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", String.valueOf(portalPort));
        config.put("portal.public-url", portalUrl());
        config.put("portal.identity-url", identity.url());
        config.put("portal.identity-client-id", "portal");
        config.put("portal.identity-client-secret", portalClientSecret);
        config.put("portal.phn-url", phn.url());
        config.put("portal.sync-url", sync.url());
        config.put("anc.nehr.base-url", fhirUrl);
        config.put("anc.internal-issuer", identity.url() + "/internal");
        return config;
    }

    public String portalUrl() {
        return "http://127.0.0.1:" + portalPort;
    }

    public String identityUrl() {
        return identity.url();
    }

    public String phnUrl() {
        return phn.url();
    }

    public String syncUrl() {
        return sync.url();
    }

    /** The NEHR's FHIR base URL, e.g. {@code http://127.0.0.1:41234/fhir}. */
    public String fhirUrl() {
        return fhirUrl;
    }

    public String esignetUrl() {
        return esignet.issuer();
    }

    public String dhis2Url() {
        return dhis2Url;
    }

    /** The OTP the eSignet stand-in accepts for everyone in tests. */
    public String otp() {
        return EsignetStandin.FIXED_OTP;
    }

    /** Women eSignet knows who are not staff: the mothers tests register and sign in as. */
    public List<Person> mothers() {
        return people.mothers();
    }

    public Staff phm() {
        return people.staff().get(0);
    }

    /** A midwife at {@link SuitePeople#OTHER_FACILITY}: must be refused what belongs to {@link #phm()}'s facility. */
    public Staff phmOtherFacility() {
        return people.staff().get(1);
    }

    public Staff doctor() {
        return people.staff().get(2);
    }

    public Staff admin() {
        return people.staff().get(3);
    }

    private synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("suite: stopping a part failed: " + e);
            }
        }
        started.clear();
    }

    /** Drops a database of the local PostgreSQL if it exists, closing its connections (the suite's, a benchmark's). */
    public static void dropDatabase(String name) {
        String url = "jdbc:postgresql://" + System.getProperty("anc.pg.host", "127.0.0.1") + ":5432/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the database " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String secret() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }
}
