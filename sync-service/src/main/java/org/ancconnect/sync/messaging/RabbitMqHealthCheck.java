package org.ancconnect.sync.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of RabbitMQ, which carries sync-service's work: detection publishes one message per changed
 * tracked entity and the workers consume them, so without the broker nothing syncs. Uses the service's own
 * connection (connecting if none is open yet); during automatic recovery after a broker restart it reports
 * down until the connection is back.
 */
@Readiness
@ApplicationScoped
public class RabbitMqHealthCheck implements HealthCheck {

    private final Broker broker;

    public RabbitMqHealthCheck(Broker broker) {
        this.broker = broker;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            broker.connection();
            return HealthCheckResponse.named("rabbitmq").status(broker.isOpen()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("rabbitmq").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
