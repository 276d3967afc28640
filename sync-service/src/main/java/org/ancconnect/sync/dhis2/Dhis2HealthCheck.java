package org.ancconnect.sync.dhis2;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of DHIS2 through sync-service's own authenticated client: DHIS2 answers {@code /api/system/info}
 * only to an authenticated user, so an anonymous probe would report a healthy DHIS2 as down (and wrong
 * credentials must count as not ready).
 */
@Readiness
@ApplicationScoped
public class Dhis2HealthCheck implements HealthCheck {

    private final Dhis2Client dhis2;

    public Dhis2HealthCheck(Dhis2Client dhis2) {
        this.dhis2 = dhis2;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            JsonNode info = dhis2.systemInfoNow();
            return HealthCheckResponse.named("dhis2").up()
                    .withData("version", info.path("version").asText())
                    .withData("serverTimeZoneId", info.path("serverTimeZoneId").asText())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("dhis2").down()
                    .withData("error", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
