package org.ancconnect.portal.nehr;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The audit queue on RabbitMQ: topology (a direct exchange; the work queue, retry tiers whose TTL dead-letters back
 * into it, and a dead-letter queue, all durable quorum queues) and the publishing side. Publishes are asynchronous
 * with publisher confirms: any number of views publish on one channel and each waits for its own confirm (the broker
 * batches the fsyncs), so the confirm costs a view milliseconds instead of serialising all views behind one lock.
 * Mandatory publishing: a message no queue took is failed, not silently confirmed. Without a connection every
 * publish fails at once ({@link AuditUnavailableException}); the next publish after the back-off reconnects.
 */
@ApplicationScoped
public class AuditBroker {

    private static final Logger LOG = Logger.getLogger(AuditBroker.class);
    static final String WORK_KEY = "audit-event";
    static final String DEAD_KEY = "audit-event.dead";
    static final String RETRY_KEY = "audit-event.retry.";

    private final AuditConfig config;
    private final String prefix;
    private final MeterRegistry meters;
    private final Timer confirms;
    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> unconfirmed = new ConcurrentSkipListMap<>();
    private final Map<String, CompletableFuture<Void>> byMessageId = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private Connection connection;
    private Channel channel;
    private Instant nextAttempt = Instant.EPOCH;

    AuditBroker(AuditConfig config, MeterRegistry meters) {
        this.config = config;
        this.prefix = config.queuePrefix().orElse("");
        this.meters = meters;
        this.confirms = Timer.builder("portal.audit.publish").description("A view's AuditEvent from publish to the broker's confirm")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
    }

    public String exchange() {
        return prefix + "portal.audit";
    }

    public String workQueue() {
        return prefix + "portal.audit-events";
    }

    public String deadQueue() {
        return workQueue() + ".dlq";
    }

    public String retryQueue(int tier) {
        return workQueue() + ".retry." + tier;
    }

    AuditConfig config() {
        return config;
    }

    /** AuditEvents published by this replica since it started (the relay's measure of how busy it is). */
    long published() {
        return published.get();
    }

    /**
     * Publishes one AuditEvent (FHIR JSON, {@code id} = its client-assigned id, also the message id); completes when
     * the broker confirmed it is stored, fails with {@link AuditUnavailableException} otherwise (within the confirm
     * timeout).
     */
    public CompletionStage<Void> publish(String id, byte[] json) {
        Timer.Sample sample = Timer.start(meters);
        published.incrementAndGet();
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        long seq = -1;
        try {
            synchronized (this) {
                Channel ch = channel();
                seq = ch.getNextPublishSeqNo();
                unconfirmed.put(seq, confirmed);
                byMessageId.put(id, confirmed);
                ch.basicPublish(exchange(), WORK_KEY, true, properties(id), json);
            }
        } catch (IOException | RuntimeException e) {
            unconfirmed.remove(seq);
            confirmed.completeExceptionally(e);
        }
        return confirmed.orTimeout(config.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS).handle((ok, failure) -> {
            byMessageId.remove(id);
            if (failure == null) {
                sample.stop(confirms);
                return null;
            }
            meters.counter("portal.audit.publish.failures").increment();
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            throw cause instanceof AuditUnavailableException a ? a : new AuditUnavailableException("AuditEvent not confirmed by "
                    + "RabbitMQ: " + (cause instanceof TimeoutException ? "no confirm within " + config.confirmTimeout()
                            : cause.getClass().getSimpleName() + " " + cause.getMessage()), cause);
        });
    }

    static AMQP.BasicProperties properties(String id) {
        Map<String, Object> headers = new HashMap<>(Map.of("ce-id", id, "ce-type", "org.ancconnect.portal.audit-event",
                "ce-source", "/portal-service", "ce-time", Instant.now().toString(), "ce-specversion", "1.0"));
        return new AMQP.BasicProperties.Builder().contentType("application/fhir+json").deliveryMode(2).messageId(id)
                .headers(headers).build();
    }

    private Channel channel() {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (Instant.now().isBefore(nextAttempt)) {
            throw new AuditUnavailableException("RabbitMQ unreachable (last attempt under " + config.reconnectBackoff() + " ago)", null);
        }
        close();
        try {
            connection = newConnection("portal-service-audit");
            Channel ch = connection.createChannel();
            declare(ch);
            ch.confirmSelect();
            ch.addConfirmListener((seq, multiple) -> settle(seq, multiple, null),
                    (seq, multiple) -> settle(seq, multiple, new AuditUnavailableException("RabbitMQ refused the AuditEvent (nack)", null)));
            ch.addReturnListener(r -> {
                CompletableFuture<Void> f = byMessageId.get(r.getProperties().getMessageId());
                if (f != null) {
                    f.completeExceptionally(new AuditUnavailableException("No queue took the AuditEvent (" + r.getReplyText() + ")", null));
                }
            });
            ch.addShutdownListener(cause -> failAll(new AuditUnavailableException("RabbitMQ channel closed: " + cause.getMessage(), cause)));
            channel = ch;
            return ch;
        } catch (IOException | TimeoutException | RuntimeException e) {
            nextAttempt = Instant.now().plus(config.reconnectBackoff());
            close();
            throw new AuditUnavailableException("RabbitMQ unreachable at " + config.host() + ":" + config.port() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private void settle(long seq, boolean multiple, RuntimeException failure) {
        Map<Long, CompletableFuture<Void>> done = multiple ? unconfirmed.headMap(seq, true) : Map.of();
        for (CompletableFuture<Void> f : multiple ? done.values() : java.util.Collections.singleton(unconfirmed.get(seq))) {
            if (f != null) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
        }
        if (multiple) {
            done.clear();
        } else {
            unconfirmed.remove(seq);
        }
    }

    private void failAll(RuntimeException failure) {
        unconfirmed.values().forEach(f -> f.completeExceptionally(failure));
        unconfirmed.clear();
    }

    /** A new connection with the configured credentials (no automatic recovery: callers reconnect themselves). */
    Connection newConnection(String name) throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(config.host());
        f.setPort(config.port());
        f.setUsername(config.username());
        f.setPassword(config.password());
        f.setVirtualHost(config.virtualHost());
        f.setConnectionTimeout((int) config.confirmTimeout().toMillis());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection(name);
    }

    /** Declares the exchange and queues (idempotent). */
    void declare(Channel ch) throws IOException {
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        ch.exchangeDeclare(exchange(), "direct", true);
        ch.queueDeclare(workQueue(), true, false, false, quorum);
        ch.queueBind(workQueue(), exchange(), WORK_KEY);
        ch.queueDeclare(deadQueue(), true, false, false, quorum);
        ch.queueBind(deadQueue(), exchange(), DEAD_KEY);
        var delays = config.relay().retryDelays();
        for (int tier = 1; tier <= delays.size(); tier++) {
            ch.queueDeclare(retryQueue(tier), true, false, false, Map.of("x-queue-type", "quorum",
                    "x-message-ttl", delays.get(tier - 1).toMillis(), "x-dead-letter-exchange", exchange(),
                    "x-dead-letter-routing-key", WORK_KEY));
            ch.queueBind(retryQueue(tier), exchange(), RETRY_KEY + tier);
        }
    }

    private synchronized void close() {
        Connection c = connection;
        connection = null;
        channel = null;
        if (c != null) {
            try {
                c.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("RabbitMQ connection close: %s", e.getMessage());
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }
}
