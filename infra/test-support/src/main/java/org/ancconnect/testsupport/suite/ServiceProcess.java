package org.ancconnect.testsupport.suite;

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
 * One packaged Quarkus service of the suite ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a
 * child process in the prod profile, configured only through environment variables exactly as a deployment
 * configures it, and considered started when {@code /q/health/ready} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    /** A JVM service starts in 2-5 s on an idle 2-core machine; builds running beside it can make that 20x. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code module}'s packaged jar on {@code port} with {@code env} added to this JVM's environment, logging
     * to {@code logDir/<name>.log}, and waits until it is ready.
     */
    public static ServiceProcess start(Path root, String module, String name, int port, Map<String, String> env,
            Path logDir) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not packaged: " + jar + " is missing; run ./mvnw -q install -DskipTests -f "
                    + module + "/pom.xml");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(name));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path log = Files.createDirectories(logDir).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            ServiceProcess service = new ServiceProcess(name, builder.start(), port, log);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url() + "/q/health/ready");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                lastStatus = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildProcesses.pause(Duration.ofMillis(300));
        }
        close();
        throw new IllegalStateException(name + " not ready within " + STARTUP_TIMEOUT + " (last readiness status " + lastStatus
                + "); see " + log);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(15));
    }

    /**
     * The service's JVM options: {@code -Danc.suite.jvm-options.<name>="..."} when given (a benchmark runs the service
     * under test with the production options and C2), otherwise a small heap and C1 only (a test suite lives for
     * minutes: start-up matters more than peak speed).
     */
    static List<String> jvmOptions(String name) {
        String given = System.getProperty("anc.suite.jvm-options." + name, "").trim();
        return given.isEmpty() ? List.of("-Xmx256m", "-XX:TieredStopAtLevel=1") : List.of(given.split("\\s+"));
    }
}
