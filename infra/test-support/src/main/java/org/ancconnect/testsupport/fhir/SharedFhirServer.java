package org.ancconnect.testsupport.fhir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ancconnect.testsupport.JvmLocks;

/**
 * One NEHR FHIR server per test JVM, started on first use and stopped when the JVM exits (a JPA server
 * takes 20-70 s to start, too long to pay per test class). Plain Java, so non-Quarkus tests (those of
 * infra/fhir-server itself) can use it; Quarkus tests go through {@link FhirServerTestResource}.
 *
 * <p>Settings (system property, else environment variable):
 * <ul>
 *   <li>{@code anc.fhir.url} / {@code ANC_FHIR_URL}: use this already running server, start none</li>
 *   <li>{@code anc.fhir.db} / {@code ANC_FHIR_DB}: {@code postgres} (default) or {@code h2}</li>
 *   <li>{@code anc.fhir.jdbc-url} / {@code ANC_FHIR_JDBC_URL}: default
 *       {@code jdbc:postgresql://127.0.0.1:5432/anc_nehr_test_<module>}, e.g. {@code anc_nehr_test_sync_service}
 *       (created if missing)</li>
 *   <li>{@code anc.fhir.db-user} / {@code ANC_FHIR_DB_USER}, {@code anc.fhir.db-password} /
 *       {@code ANC_FHIR_DB_PASSWORD}: default {@code postgres} / empty</li>
 *   <li>{@code anc.fhir.jvm-options}: the server's JVM flags, default
 *       {@link FhirServerProcess#DEFAULT_JVM_OPTIONS}</li>
 * </ul>
 */
public final class SharedFhirServer {

    private static FhirServerProcess server;
    private static URI external;
    /** A failed start is not retried for every later test: each try would cost up to two minutes. */
    private static RuntimeException startFailure;

    private SharedFhirServer() {
    }

    /** The shared server's base URL, e.g. {@code http://127.0.0.1:41234/fhir}; starts it on first use. */
    public static synchronized URI baseUrl() {
        if (external == null) {
            String url = setting("anc.fhir.url", "ANC_FHIR_URL", "");
            if (!url.isBlank()) {
                external = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            }
        }
        if (external != null) {
            return external;
        }
        if (startFailure != null) {
            throw new IllegalStateException("The shared FHIR server failed to start earlier in this JVM",
                    startFailure);
        }
        if (server == null || !server.isAlive()) {
            try {
                holdModuleLock();
                server = FhirServerProcess.start(serverArgs(), FhirServerProcess.DEFAULT_START_TIMEOUT);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return server.baseUrl();
    }

    /**
     * Two test JVMs of one module (two developers' runs at once, an IDE beside Maven) would share the module's FHIR
     * test database and reset each other's data: the second waits for the first, holding an OS file lock that the
     * JVM's exit releases however it ends.
     */
    private static void holdModuleLock() {
        JvmLocks.holdForJvmLifetime(Path.of(System.getProperty("user.dir"), "target", ".fhir-server.lock"),
                "FHIR server: another test JVM of this module holds its FHIR test server; waiting for it to finish");
    }

    static List<String> serverArgs() {
        String db = setting("anc.fhir.db", "ANC_FHIR_DB", "postgres");
        if ("h2".equalsIgnoreCase(db)) {
            // Under the calling module's target/: fresh after mvn clean, never shared with another module.
            return List.of("--db", "h2", "--h2-dir", System.getProperty("user.dir") + "/target/fhir-h2");
        }
        return List.of(
                "--db", "postgres",
                "--jdbc-url", setting("anc.fhir.jdbc-url", "ANC_FHIR_JDBC_URL",
                        "jdbc:postgresql://127.0.0.1:5432/" + testDatabaseName()),
                "--db-user", setting("anc.fhir.db-user", "ANC_FHIR_DB_USER", "postgres"),
                "--db-password", setting("anc.fhir.db-password", "ANC_FHIR_DB_PASSWORD", ""));
    }

    /**
     * One database per module: modules tested in parallel (mvn -T) must not reset each other's data,
     * and each database keeps the installed IG between runs (a first start that installs it takes
     * about a minute, a restart a third of that).
     */
    static String testDatabaseName() {
        String module = Path.of(System.getProperty("user.dir")).getFileName().toString()
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "anc_nehr_test_" + module;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static String setting(String property, String env, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
