package org.ancconnect.commons.health;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.Readiness;

/**
 * Registers one readiness check per configured HTTP dependency ({@link DependencyHealthConfig}), so a
 * service declares its dependencies in configuration rather than with a class per dependency.
 */
@ApplicationScoped
public class DependencyHealthRegistrar {

    private final DependencyHealthConfig config;
    private final HealthRegistry readiness;

    public DependencyHealthRegistrar(DependencyHealthConfig config, @Readiness HealthRegistry readiness) {
        this.config = config;
        this.readiness = readiness;
    }

    void register(@Observes StartupEvent event) {
        config.http().forEach((name, dependency) -> readiness.register(name,
                HttpDependencyHealthChecks.of(name, dependency.url(), dependency.timeout())));
    }
}
