package org.ancconnect.commons.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** HTTP dependencies whose availability decides a service's readiness ({@code anc.health.*}). */
@ConfigMapping(prefix = "anc.health")
public interface DependencyHealthConfig {

    /** One entry per HTTP dependency, keyed by the name shown in {@code /q/health/ready}. */
    Map<String, HttpDependency> http();

    interface HttpDependency {
        /** An unauthenticated URL that answers 2xx when the dependency can serve (e.g. FHIR {@code /metadata}). */
        String url();

        /** How long the probe may take before the dependency counts as down. */
        @WithDefault("3s")
        Duration timeout();
    }
}
