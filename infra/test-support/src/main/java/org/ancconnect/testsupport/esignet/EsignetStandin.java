package org.ancconnect.testsupport.esignet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.ancconnect.testsupport.ChildProcesses;

/**
 * One eSignet stand-in running as a SEPARATE PROCESS from the packaged module
 * ({@code infra/esignet-standin/target/quarkus-app/quarkus-run.jar}, found through the {@code anc.root} system
 * property), on its own free port with its own keys, issuer and discovery values. Build the stand-in first
 * ({@code ./mvnw -f infra/esignet-standin/pom.xml package}).
 */
public final class EsignetStandin implements AutoCloseable {

    /** The OTP every test instance accepts. */
    public static final String FIXED_OTP = "111111";
    /** Startup budget: a JVM Quarkus app starts in ~1-3 s here, a loaded 2-core build machine can take far longer. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final String issuer;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EsignetStandin(Process process, int port, String issuer, Path log) {
        this.process = process;
        this.port = port;
        this.issuer = issuer;
        this.log = log;
    }

    /**
     * Starts an instance. {@code issuerHost} lets a second instance publish different discovery values
     * ({@code 127.0.0.1} vs {@code localhost}); {@code config} adds stand-in settings ({@code esignet.*}).
     */
    public static EsignetStandin start(String name, String issuerHost, Map<String, String> config) {
        Path root = Path.of(System.getProperty("anc.root", "."));
        Path jar = root.resolve("infra/esignet-standin/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Stand-in not packaged: run ./mvnw -f infra/esignet-standin/pom.xml package (" + jar + ")");
        }
        int port = freePort();
        String issuer = "http://" + issuerHost + ":" + port;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Designet.issuer=" + issuer, "-Designet.fixed-otp=" + FIXED_OTP, "-Designet.faults-enabled=true"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("esignet-standin-" + name + "-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            EsignetStandin standin = new EsignetStandin(process, port, issuer, log);
            standin.awaitReady();
            return standin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        URI discovery = URI.create("http://127.0.0.1:" + port + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("eSignet stand-in exited; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildProcesses.pause(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("eSignet stand-in not ready in " + STARTUP_TIMEOUT + "; see " + log.toAbsolutePath());
    }

    /** An instance started elsewhere (by infra/run-local.sh), reached on {@code port}; closing it stops nothing. */
    public static EsignetStandin attach(int port, String issuer) {
        return new EsignetStandin(null, port, issuer, null);
    }

    public String issuer() {
        return issuer;
    }

    public int port() {
        return port;
    }

    /** Where the stand-in's mock identity system publishes its userinfo signing key. */
    public String identitySystemJwksUrl() {
        return issuer + "/v1/mock-identity-system/.well-known/jwks.json";
    }

    /** Registers a client through eSignet's client-management API. */
    public void registerClient(String clientId, Map<String, Object> publicJwk, String relyingPartyId, List<String> redirectUris,
            List<String> userClaims, List<String> acrs, boolean requirePkce, boolean userinfoJwe) {
        Map<String, Object> request = Map.of("clientId", clientId, "clientName", clientId, "publicKey", publicJwk,
                "relyingPartyId", relyingPartyId, "userClaims", userClaims, "authContextRefs", acrs, "redirectUris", redirectUris,
                "grantTypes", List.of("authorization_code"), "clientAuthMethods", List.of("private_key_jwt"),
                "additionalConfig", Map.of("require_pkce", requirePkce, "userinfo_response_type", userinfoJwe ? "JWE" : "JWS"));
        String body = JsonUtil.toJson(Map.of("requestTime", Instant.now().toString(), "request", request));
        String response = post("/v1/esignet/client-mgmt/client", "application/json", body);
        if (!response.contains("\"ACTIVE\"")) {
            throw new IllegalStateException("Client registration failed: " + response);
        }
    }

    /** Arms a one-shot fault (stand-in enum name, e.g. {@code USERINFO_BAD_SIGNATURE}) for the client's next response. */
    public void armFault(String clientId, String fault) {
        post("/standin/faults/" + clientId + "/" + fault, "application/json", "");
    }

    private String post(String path, String contentType, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }

    /** A free local port (for the stand-in, or for the service under test whose redirect URIs are registered up front). */
    public static int freePort() {
        return ChildProcesses.freePort();
    }
}
