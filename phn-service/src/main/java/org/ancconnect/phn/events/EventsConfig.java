package org.ancconnect.phn.events;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Patient events published through the transactional outbox ({@code phn.events.*}). */
public interface EventsConfig {

    /** Durable topic exchange of the suite's domain events. */
    @WithDefault("anc.events")
    String exchange();

    /** CloudEvents {@code source} of every event this service emits. */
    @WithDefault("/anc-connect/phn-service")
    String source();

    /** RabbitMQ host (env ANC_RABBITMQ_HOST). */
    @WithDefault("127.0.0.1")
    String host();

    /** RabbitMQ port (env ANC_RABBITMQ_PORT). */
    @WithDefault("5672")
    int port();

    /** RabbitMQ user (env ANC_RABBITMQ_USER). */
    @WithDefault("guest")
    String username();

    /** RabbitMQ password (env ANC_RABBITMQ_PASSWORD). */
    @WithDefault("guest")
    String password();

    /** RabbitMQ virtual host. */
    @WithDefault("/")
    String virtualHost();

    /** Most outbox rows published per relay pass. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker's publisher confirms of a batch. */
    @WithDefault("5s")
    Duration confirmTimeout();

    /** Whether this replica runs the outbox relay (all replicas may; rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How long published outbox rows are kept before the hourly clean-up deletes them: a week covers a
     * consumer outage over a long weekend plus the time to replay its events by hand; unpublished rows are
     * never deleted.
     */
    @WithDefault("7d")
    Duration outboxRetention();
}
