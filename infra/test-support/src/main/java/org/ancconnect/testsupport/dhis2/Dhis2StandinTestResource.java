package org.ancconnect.testsupport.dhis2;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.ChildProcesses;

/**
 * Starts the packaged DHIS2 stand-in ({@code infra/dhis2-standin/target/quarkus-app/quarkus-run.jar},
 * found through the {@code anc.root} system property) as a separate process on a free port and hands
 * the service under test its connection settings ({@code sync.dhis2.*}).
 *
 * <p>Init args: {@code version} (default {@code 2.41.3}; {@code 2.40.x} answers with the "instances"
 * envelope), {@code timeZone} (default {@code Asia/Colombo}) and {@code db} (the stand-in's PostgreSQL database,
 * default the {@code anc.dhis2.test-db} system property, else {@code anc_dhis2_test}). Build the stand-in first:
 * {@code ./mvnw -f infra/dhis2-standin/pom.xml package -DskipTests}.
 */
public class Dhis2StandinTestResource implements QuarkusTestResourceLifecycleManager {

    /** The credentials of the stand-in's admin user (users.json of the stand-in, dev/test values). */
    public static final String USERNAME = "admin";
    public static final String PASSWORD = "district";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private String version = "2.41.3";
    private String timeZone = "Asia/Colombo";
    private String db = System.getProperty("anc.dhis2.test-db", "anc_dhis2_test");
    private Process process;
    private String baseUrl;

    @Override
    public void init(Map<String, String> initArgs) {
        version = initArgs.getOrDefault("version", version);
        timeZone = initArgs.getOrDefault("timeZone", timeZone);
        db = initArgs.getOrDefault("db", db);
    }

    @Override
    public Map<String, String> start() {
        Path root = Path.of(System.getProperty("anc.root", "."));
        Path jar = root.resolve("infra/dhis2-standin/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("DHIS2 stand-in not built: " + jar
                    + " missing; run ./mvnw -f infra/dhis2-standin/pom.xml package -DskipTests");
        }
        String shared = System.getProperty("anc.shared.dir", root.resolve("../shared").toString());
        int port = ChildProcesses.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dstandin.version=" + version);
        command.add("-Dstandin.server-time-zone=" + timeZone);
        command.add("-Dstandin.program-file=" + Path.of(shared, "dhis2", "anc-program.json"));
        command.add("-Dstandin.db-name=" + db);
        command.add("-jar");
        command.add(jar.toString());
        Path log = jar.getParent().getParent().resolve("dhis2-standin-" + port + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the DHIS2 stand-in", e);
        }
        baseUrl = "http://127.0.0.1:" + port;
        awaitReady(log);
        return Map.of("sync.dhis2.base-url", baseUrl, "sync.dhis2.username", USERNAME, "sync.dhis2.password", PASSWORD);
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("DHIS2 stand-in exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildProcesses.pause(Duration.ofMillis(250));
        }
        stop();
        throw new IllegalStateException("DHIS2 stand-in not ready within " + STARTUP + "; see " + log);
    }

    @Override
    public void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
