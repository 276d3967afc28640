package org.ancconnect.commons.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check of one HTTP dependency (the NEHR FHIR server, eSignet discovery, DHIS2, another
 * service's health endpoint): ready when a GET of its probe URL answers 2xx within the timeout.
 * Services declare one {@code @Readiness} bean per dependency with {@link #of}.
 */
public final class HttpDependencyHealthChecks {

    private HttpDependencyHealthChecks() {
    }

    /**
     * The client, created at the first probe rather than when the checks are registered: building an
     * {@link HttpClient} initialises the JDK's TLS context (the trust store's certificates parsed), which the
     * registration runs inside Quarkus's start-up, before the service is live, and only readiness needs.
     */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param name the check's name as shown in {@code /q/health/ready}
     * @param probeUrl an unauthenticated URL of the dependency that answers 2xx when it is usable
     * @param timeout how long the dependency may take before it counts as down
     */
    public static AsyncHealthCheck of(String name, String probeUrl, Duration timeout) {
        return () -> probe(name, probeUrl, timeout);
    }

    static Uni<HealthCheckResponse> probe(String name, String probeUrl, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(probeUrl)).timeout(timeout).GET().build();
        return Uni.createFrom().completionStage(() -> Client.INSTANCE.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> HealthCheckResponse.named(name)
                        .status(response.statusCode() / 100 == 2)
                        .withData("url", probeUrl)
                        .withData("status", response.statusCode())
                        .build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(name).down()
                        .withData("url", probeUrl)
                        .withData("error", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()))
                        .build());
    }
}
