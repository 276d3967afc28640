package org.ancconnect.phn.events;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.phn.PhnConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether phn-service can reach RabbitMQ, shown at {@code /q/health/well} and deliberately not part of
 * readiness: events go through the transactional outbox precisely so registrations keep working while the
 * broker is down (the relay delivers the backlog when it is back), so a broker outage must not take the
 * registry out of service. Opens a short-lived connection per probe; wellness is read by operators and
 * monitoring, not by the kubelet every few seconds.
 */
@Wellness
@ApplicationScoped
public class RabbitMqWellnessCheck implements HealthCheck {

    private final EventsConfig config;

    public RabbitMqWellnessCheck(PhnConfig config) {
        this.config = config.events();
    }

    @Override
    public HealthCheckResponse call() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setConnectionTimeout((int) config.confirmTimeout().toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("phn-service-health")) {
            return HealthCheckResponse.named("rabbitmq").status(connection.isOpen())
                    .withData("broker", config.host() + ":" + config.port()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("rabbitmq").down()
                    .withData("broker", config.host() + ":" + config.port())
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
