package org.ancconnect.testsupport.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.ancconnect.testsupport.ChildProcesses;

/**
 * The NEHR FHIR server (infra/fhir-server) running as a child JVM of the test JVM.
 *
 * <p>It is started from the argfile the fhir-server build writes ({@code target/fhir-server.args}) with
 * {@code --port 0 --url-file}, so parallel test JVMs never fight over a port, and it is ready exactly when
 * the URL file appears. Its output goes to {@code target/fhir-server-*.log} of the calling module. The
 * process tree is destroyed by {@link #stop()} or, failing that, by a JVM shutdown hook.
 */
public final class FhirServerProcess implements AutoCloseable {

    // JDK logging only: this class is also used by infra/fhir-server's own tests, which must stay free of
    // Quarkus (and so of jboss-logging). In a Quarkus test JVM the JDK logger is routed to Quarkus logging.
    private static final System.Logger LOG = System.getLogger(FhirServerProcess.class.getName());

    /**
     * Start-up budget, measured 2026-11-21 on the 2-core machines: 20-35 s when the database already
     * holds the NEHR IG, 60-70 s for a first start that installs it, and up to 190 s for either when
     * other builds load the machine (load average 15). 240 s covers that without hiding a hang.
     */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(240);
    /**
     * JVM flags of the server. 1 GB heap: HAPI JPA with the IG loaded peaks around 600 MB. C1 only
     * (TieredStopAtLevel=1): a test server lives for minutes, and skipping C2 cut a start-up from 50 to
     * 30 s of CPU (120 to 74 s wall on a loaded 2-core machine, measured 2026-11-21).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-Xmx1g -XX:TieredStopAtLevel=1";

    private final Process process;
    private final URI baseUrl;
    private final Path logFile;
    private final Thread shutdownHook;

    private FhirServerProcess(Process process, URI baseUrl, Path logFile, Thread shutdownHook) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts the server with {@code serverArgs} (launcher flags such as {@code --jdbc-url ...} or
     * {@code --db h2 --h2-dir ...}) and waits until it serves requests.
     *
     * @throws IllegalStateException if the launcher was not built, exits early, or is not ready in time
     */
    public static FhirServerProcess start(List<String> serverArgs, Duration timeout) {
        Path root = RepoRoot.find();
        Path argFile = root.resolve("infra/fhir-server/target/fhir-server.args");
        if (!Files.isRegularFile(argFile)) {
            throw new IllegalStateException("FHIR server launcher not built: " + argFile + " is missing. Run"
                    + " ./mvnw -f infra/fhir-server/pom.xml -DskipTests package from " + root);
        }
        Path target = Path.of(System.getProperty("user.dir"), "target");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path logFile = target.resolve("fhir-server-" + stamp + ".log");
        Path urlFile = target.resolve("fhir-server-" + stamp + ".url");

        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        String jvmOptions = System.getProperty("anc.fhir.jvm-options", DEFAULT_JVM_OPTIONS);
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        command.add("@" + argFile);
        command.addAll(List.of("--port", "0", "--url-file", urlFile.toString()));
        command.addAll(serverArgs);

        Process process;
        try {
            Files.createDirectories(target);
            process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the FHIR server: " + String.join(" ", command), e);
        }
        Thread hook = new Thread(() -> destroyTree(process), "fhir-server-process-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        LOG.log(System.Logger.Level.INFO, "Starting FHIR server (log: {0})", logFile);

        Instant started = Instant.now();
        URI baseUrl = awaitUrl(process, urlFile, logFile, started, timeout, hook);
        LOG.log(System.Logger.Level.INFO, "FHIR server ready at {0} after {1} s", baseUrl,
                Duration.between(started, Instant.now()).toSeconds());
        return new FhirServerProcess(process, baseUrl, logFile, hook);
    }

    private static URI awaitUrl(Process process, Path urlFile, Path logFile, Instant started, Duration timeout,
                                Thread hook) {
        Instant deadline = started.plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (Files.isRegularFile(urlFile)) {
                    String url = Files.readString(urlFile).trim();
                    if (!url.isEmpty()) {
                        return URI.create(url);
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("FHIR server exited with code " + process.exitValue()
                            + " before it was ready. Last lines of " + logFile + ":\n" + tail(logFile));
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("FHIR server not ready within " + timeout.toSeconds()
                    + " s (the process is stopped). Last lines of " + logFile + ":\n" + tail(logFile));
        } catch (IOException e) {
            failCleanup(process, hook);
            throw new UncheckedIOException("Cannot read " + urlFile, e);
        } catch (InterruptedException e) {
            failCleanup(process, hook);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the FHIR server", e);
        } catch (RuntimeException e) {
            failCleanup(process, hook);
            throw e;
        }
    }

    private static void failCleanup(Process process, Thread hook) {
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it does the same.
        }
    }

    /** The JVM running these tests, so the server gets the same JDK (the build's JDK 21+). */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Graceful first (the server deletes its URL file and closes its pool), forcibly after 20 s. */
    private static void destroyTree(Process process) {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234/fhir}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void stop() {
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from another shutdown hook: ours runs anyway and finds the process gone.
        }
    }

    @Override
    public void close() {
        stop();
    }
}
