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
 * sync-service's RabbitMQ topology and publishing. One durable direct exchange; the work queue, its
 * retry tiers (quorum queues whose TTL dead-letters back into the work queue: exponential back-off
 * without a plugin) and the dead-letter queue are quorum queues. Every publish waits for the
 * broker's confirm: a caller that gets no exception knows the message is durable.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);
    public static final String WORK = "tracked-entity";
    public static final String DEAD = "dead";

    private final SyncConfig.Rabbitmq config;
    private final List<Duration> retryDelays;
    private final ObjectMapper json;
    private final String prefix;
    private Connection connection;
    private Channel publisher;

    public Broker(SyncConfig config, ObjectMapper json) {
        this.config = config.rabbitmq();
        this.retryDelays = config.delivery().retryDelays();
        this.json = json;
        this.prefix = config.rabbitmq().queuePrefix().orElse("");
    }

    public String exchange() {
        return prefix + "anc.sync";
    }

    public String workQueue() {
        return prefix + "sync.tracked-entities";
    }

    public String deadLetterQueue() {
        return prefix + "sync.tracked-entities.dlq";
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
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        ch.queueDeclare(workQueue(), true, false, false, quorum);
        ch.queueBind(workQueue(), exchange(), WORK);
        ch.queueDeclare(deadLetterQueue(), true, false, false, quorum);
        ch.queueBind(deadLetterQueue(), exchange(), DEAD);
        for (int tier = 1; tier <= retryDelays.size(); tier++) {
            String queue = workQueue() + ".retry." + tier;
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum",
                    "x-message-ttl", retryDelays.get(tier - 1).toMillis(), "x-dead-letter-exchange", exchange(),
                    "x-dead-letter-routing-key", WORK));
            ch.queueBind(queue, exchange(), "retry." + tier);
        }
    }

    /** Publishes a batch and waits for the broker to confirm all of it; throws if any is not confirmed. */
    public void publish(String routingKey, List<JsonNode> bodies, String type, Map<String, Object> extraHeaders) {
        synchronized (this) {
            connection();
            try {
                for (JsonNode body : bodies) {
                    publisher.basicPublish(exchange(), routingKey, true, properties(type, extraHeaders),
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

    /** Re-publishes a raw message body (retry tier or dead-letter queue), confirmed. */
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
}
