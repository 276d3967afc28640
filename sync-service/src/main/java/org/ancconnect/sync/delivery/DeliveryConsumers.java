package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.log.SyncLogRepository;
import org.ancconnect.sync.messaging.Broker;
import org.ancconnect.sync.messaging.MessageTracing;
import org.ancconnect.sync.messaging.Redelivery;
import org.jboss.logging.Logger;

/**
 * Competing consumers of the tracked-entity work queue. A message is acked only after the NEHR
 * committed its transaction, or after it was re-published (confirmed) to a retry tier or the
 * dead-letter queue ({@link Redelivery}). Each delivery is a CONSUMER span continuing the trace of
 * the change detection run that published it.
 */
@ApplicationScoped
public class DeliveryConsumers {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumers.class);
    /** How long a consumer holds a message through an NEHR outage: under RabbitMQ's 30-minute delivery acknowledgement timeout. */
    private static final java.time.Duration OUTAGE_PATIENCE = java.time.Duration.ofMinutes(10);

    private final Broker broker;
    private final SyncWorker worker;
    private final NehrClient nehr;
    private final SyncLogRepository log;
    private final ObjectMapper json;
    private final Redelivery redelivery;
    private final MessageTracing tracing;
    private final int consumers;
    private final Counter synced;
    private final Counter retried;
    private final Counter dead;

    public DeliveryConsumers(Broker broker, SyncWorker worker, NehrClient nehr, SyncLogRepository log, ObjectMapper json, SyncConfig config,
            Redelivery redelivery, MessageTracing tracing, MeterRegistry registry) {
        this.broker = broker;
        this.worker = worker;
        this.nehr = nehr;
        this.log = log;
        this.json = json;
        this.redelivery = redelivery;
        this.tracing = tracing;
        this.consumers = config.delivery().consumers();
        // sync_bundles_total{outcome}: the names of infra/observability/metrics.yaml.
        this.synced = registry.counter("sync.bundles", "outcome", "ok");
        this.retried = registry.counter("sync.bundles", "outcome", "retried");
        this.dead = registry.counter("sync.bundles", "outcome", "dead_lettered");
    }

    void start(@Observes StartupEvent event) {
        broker.consume(broker.workQueue(), consumers, Worker::new);
    }

    private final class Worker extends DefaultConsumer {

        Worker(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
            int attempt = Redelivery.attempt(headers);
            String uid = "?";
            String program = "?";
            Span span = tracing.consumerSpan(broker.workQueue(), headers);
            try (Scope scope = span.makeCurrent()) {
                try {
                    JsonNode message = json.readTree(body);
                    uid = SyncWorker.field(message, "trackedEntity");
                    program = SyncWorker.field(message, "program");
                    span.setAttribute("dhis2.tracked_entity", uid);
                    worker.sync(uid, program, attempt);
                    synced.increment();
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                } catch (NehrUnavailable e) {
                    // The server is down, not this message: hold it (unacked) until the NEHR answers, then hand it back
                    // unchanged. Spending the retry tiers here pushed a whole backlog into the 600 s tier during a
                    // 4-minute NEHR restart (README, "Measured"). After the patience, the normal tiers take over.
                    if (nehr.awaitAvailable(OUTAGE_PATIENCE)) {
                        getChannel().basicNack(envelope.getDeliveryTag(), false, true);
                    } else {
                        fail(span, envelope, props, body, uid, program, attempt, e.getMessage(), false);
                    }
                } catch (TransientFailure e) {
                    fail(span, envelope, props, body, uid, program, attempt, e.getMessage(), false);
                } catch (IOException e) {
                    fail(span, envelope, props, body, uid, program, attempt, "unreadable message: " + e.getMessage(), true);
                } catch (RuntimeException e) {
                    fail(span, envelope, props, body, uid, program, attempt, SyncWorker.reason(e), true);
                }
            } finally {
                span.end();
            }
        }

        private void fail(Span span, Envelope envelope, AMQP.BasicProperties props, byte[] body, String uid, String program,
                int attempt, String reason, boolean permanent) throws IOException {
            Redelivery.Outcome outcome = redelivery.route(getChannel(), envelope.getDeliveryTag(), props, body,
                    broker.trackedEntities(), reason, permanent, span);
            if (outcome == Redelivery.Outcome.REQUEUED) {
                return;
            }
            boolean toDead = outcome == Redelivery.Outcome.DEAD;
            recordFailure(uid, program, toDead ? "FAILED" : "RETRYING", reason, attempt + 1);
            (toDead ? dead : retried).increment();
            LOG.warnf("Tracked entity %s %s after attempt %d: %s", uid, toDead ? "dead-lettered" : "to retry", attempt + 1,
                    reason);
        }

        private void recordFailure(String uid, String program, String status, String reason, int attempts) {
            try {
                if (!"?".equals(uid)) {
                    log.failed(uid, program, status, reason, attempts);
                }
            } catch (SQLException e) {
                LOG.warnf("Sync log not updated for %s: %s", uid, e.getMessage());
            }
        }
    }
}
