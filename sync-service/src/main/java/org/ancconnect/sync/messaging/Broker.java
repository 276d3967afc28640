package org.ancconnect.sync.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.ancconnect.sync.SyncConfig;
import org.jboss.logging.Logger;

/**
 * sync-service's RabbitMQ topology and publishing. One durable direct exchange and two lanes (tracked
 * entities from change detection; patient events from phn-service, whose queue is also bound to the
 * suite's topic exchange {@code anc.events} with {@code patient.*}). Each lane has a work queue, retry
 * tiers (quorum queues whose TTL dead-letters back into the work queue: exponential back-off without a
 * plugin) and a dead-letter queue, all quorum queues. Every publish waits for the broker's confirm: a
 * caller that gets no exception knows the message is durable. Publishes carry the current trace context.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);
    public static final String WORK = "tracked-entity";
    public static final String DEAD = "dead";
    /** The suite's domain-event exchange (phn-service publishes patient.* there). */
    public static final String EVENTS = "anc.events";

    /** A work queue with its retry tiers and dead-letter queue, addressed by routing keys on the sync exchange. */
    public record Lane(String queue, String workKey, String retryKeyPrefix, String deadKey, String deadQueue) {

        public String retryQueue(int tier) {
            return queue + ".retry." + tier;
        }
    }

    private final SyncConfig.Rabbitmq config;
    private final List<Duration> retryDelays;
    private final ObjectMapper json;
    private final String prefix;
    private final MessageTracing tracing;
    private final Lane trackedEntities;
    private final Lane patientEvents;
    private Connection connection;
    private Channel publisher;

    public Broker(SyncConfig config, ObjectMapper json, MessageTracing tracing) {
        this.config = config.rabbitmq();
        this.retryDelays = config.delivery().retryDelays();
        this.json = json;
        this.tracing = tracing;
        this.prefix = config.rabbitmq().queuePrefix().orElse("");
        this.trackedEntities = new Lane(prefix + "sync.tracked-entities", WORK, "retry.", DEAD,
                prefix + "sync.tracked-entities.dlq");
        this.patientEvents = new Lane(prefix + "sync.patient-events", "patient-event", "patient-event.retry.",
                "patient-event.dead", prefix + "sync.patient-events.dlq");
    }

    /** The tracked-entity lane (change detection to the worker). */
    public Lane trackedEntities() {
        return trackedEntities;
    }

    /** The patient-event lane (phn-service's patient.* to DHIS2 and the NEHR). */
    public Lane patientEvents() {
        return patientEvents;
    }

    /** The topic exchange patient events arrive on (prefixed in tests, so other modules' events stay out). */
    public String eventsExchange() {
        return prefix + EVENTS;
    }

    public String exchange() {
        return prefix + "anc.sync";
    }

    public String workQueue() {
        return trackedEntities.queue();
    }

    public String deadLetterQueue() {
        return trackedEntities.deadQueue();
    }

    public int retryTiers() {
        return retryDelays.size();
    }

    /** Connects (with automatic recovery: a broker restart is ridden out) and declares the topology. */
    public synchronized Connection connection() {
        if (connection == null) {
            try {
                ConnectionFactory f = new ConnectionFactory();
                f.setHost(config.host());
                f.setPort(config.port());
                f.setUsername(config.username());
                f.setPassword(config.password());
                f.setAutomaticRecoveryEnabled(true);
                f.setTopologyRecoveryEnabled(true);
                f.setNetworkRecoveryInterval(2000);
                ExecutorService consumers = Executors.newCachedThreadPool();
                connection = f.newConnection(consumers, "sync-service");
                publisher = connection.createChannel();
                publisher.confirmSelect();
                declare(publisher);
            } catch (IOException | TimeoutException e) {
                connection = null;
                throw new IllegalStateException("RabbitMQ unreachable at " + config.host() + ":" + config.port(), e);
            }
        }
        return connection;
    }

    private void declare(Channel ch) throws IOException {
        ch.exchangeDeclare(exchange(), "direct", true);
        declare(ch, trackedEntities);
        declare(ch, patientEvents);
        ch.exchangeDeclare(eventsExchange(), "topic", true);
        ch.queueBind(patientEvents.queue(), eventsExchange(), "patient.*");
    }

    private void declare(Channel ch, Lane lane) throws IOException {
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        ch.queueDeclare(lane.queue(), true, false, false, quorum);
        ch.queueBind(lane.queue(), exchange(), lane.workKey());
        ch.queueDeclare(lane.deadQueue(), true, false, false, quorum);
        ch.queueBind(lane.deadQueue(), exchange(), lane.deadKey());
        for (int tier = 1; tier <= retryDelays.size(); tier++) {
            String queue = lane.retryQueue(tier);
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum",
                    "x-message-ttl", retryDelays.get(tier - 1).toMillis(), "x-dead-letter-exchange", exchange(),
                    "x-dead-letter-routing-key", lane.workKey()));
            ch.queueBind(queue, exchange(), lane.retryKeyPrefix() + tier);
        }
    }

    /** Publishes a batch and waits for the broker to confirm all of it; throws if any is not confirmed. */
    public void publish(String routingKey, List<JsonNode> bodies, String type, Map<String, Object> extraHeaders) {
        publish(exchange(), routingKey, bodies, type, extraHeaders);
    }

    /** Publishes a batch to any exchange (confirmed), with CloudEvents headers and the current trace context. */
    public void publish(String exchange, String routingKey, List<JsonNode> bodies, String type, Map<String, Object> extraHeaders) {
        synchronized (this) {
            connection();
            try {
                for (JsonNode body : bodies) {
                    publisher.basicPublish(exchange, routingKey, true, properties(type, tracing.inject(extraHeaders)),
                            json.writeValueAsBytes(body));
                }
                publisher.waitForConfirmsOrDie(config.confirmTimeout().toMillis());
            } catch (IOException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Publish to RabbitMQ not confirmed: " + e.getMessage(), e);
            }
        }
    }

    /** Re-publishes a raw message body (retry tier or dead-letter queue), confirmed; the headers are the caller's. */
    public void republish(String routingKey, byte[] body, AMQP.BasicProperties props) {
        synchronized (this) {
            connection();
            try {
                publisher.basicPublish(exchange(), routingKey, true, props, body);
                publisher.waitForConfirmsOrDie(config.confirmTimeout().toMillis());
            } catch (IOException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("Publish to RabbitMQ not confirmed: " + e.getMessage(), e);
            }
        }
    }

    private static AMQP.BasicProperties properties(String type, Map<String, Object> extra) {
        Map<String, Object> headers = new java.util.HashMap<>(extra);
        headers.put("ce-id", UUID.randomUUID().toString());
        headers.put("ce-type", type);
        headers.put("ce-source", "/sync-service");
        headers.put("ce-time", Instant.now().toString());
        headers.put("ce-specversion", "1.0");
        return new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).headers(headers).build();
    }

    public boolean isOpen() {
        return connection != null && connection.isOpen();
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (connection != null) {
            try {
                connection.close(5000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("RabbitMQ connection close: %s", e.getMessage());
            }
        }
    }

    /** Messages ready in a queue (operators and tests watch the backlog and the dead letters). */
    public long depth(String queue) {
        try (Channel ch = connection().createChannel()) {
            return ch.messageCount(queue);
        } catch (IOException | TimeoutException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /**
     * Starts {@code count} consumers of a queue (one channel each, prefetch 1, manual acks) as soon as the
     * broker is reachable: the service starts without RabbitMQ and consumes once it appears.
     */
    public void consume(String queue, int count, java.util.function.Function<Channel, com.rabbitmq.client.Consumer> consumer) {
        Thread.ofVirtual().name("consumers-start-" + queue).start(() -> {
            while (true) {
                try {
                    for (int i = 0; i < count; i++) {
                        Channel ch = connection().createChannel();
                        ch.basicQos(1);
                        ch.basicConsume(queue, false, queue + "-" + i, consumer.apply(ch));
                    }
                    LOG.infof("%d consumer(s) on %s", count, queue);
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Consumers of %s not started (%s); retrying in 5 s", queue, e.getMessage());
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    /** Retry tiers a lane has; after the last, the dead-letter queue. */
    public List<Duration> retryDelays() {
        return retryDelays;
    }
}
