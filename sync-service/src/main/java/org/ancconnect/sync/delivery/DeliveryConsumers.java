package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.log.SyncLogRepository;
import org.ancconnect.sync.messaging.Broker;
import org.jboss.logging.Logger;

/**
 * Competing consumers of the work queue (one channel each, prefetch 1, manual acks). A message is
 * acked only after the NEHR committed its transaction, or after it was re-published (confirmed) to a
 * retry tier or the dead-letter queue; if even that fails it is nacked back to the queue. Transient
 * failures climb the retry tiers (exponential back-off); permanent ones go straight to the DLQ with
 * the reason in {@code x-failure-reason}.
 */
@ApplicationScoped
public class DeliveryConsumers {

    private static final Logger LOG = Logger.getLogger(DeliveryConsumers.class);
    static final String ATTEMPT = "x-attempt";
    static final String REASON = "x-failure-reason";

    private final Broker broker;
    private final SyncWorker worker;
    private final SyncLogRepository log;
    private final ObjectMapper json;
    private final int consumers;
    private final Counter synced;
    private final Counter retried;
    private final Counter dead;

    public DeliveryConsumers(Broker broker, SyncWorker worker, SyncLogRepository log, ObjectMapper json, SyncConfig config,
            MeterRegistry registry) {
        this.broker = broker;
        this.worker = worker;
        this.log = log;
        this.json = json;
        this.consumers = config.delivery().consumers();
        this.synced = registry.counter("sync.delivery.synced");
        this.retried = registry.counter("sync.delivery.retried");
        this.dead = registry.counter("sync.delivery.dead_lettered");
    }

    void start(@Observes StartupEvent event) {
        Thread.ofVirtual().name("sync-consumers-start").start(() -> {
            while (true) {
                try {
                    for (int i = 0; i < consumers; i++) {
                        Channel ch = broker.connection().createChannel();
                        ch.basicQos(1);
                        ch.basicConsume(broker.workQueue(), false, "sync-worker-" + i, new Worker(ch));
                    }
                    LOG.infof("%d sync consumer(s) on %s", consumers, broker.workQueue());
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("Sync consumers not started (%s); retrying in 5 s", e.getMessage());
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

    private final class Worker extends DefaultConsumer {

        Worker(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
            int attempt = headers.get(ATTEMPT) instanceof Number n ? n.intValue() : 0;
            String uid = "?";
            String program = "?";
            try {
                JsonNode message = json.readTree(body);
                uid = SyncWorker.field(message, "trackedEntity");
                program = SyncWorker.field(message, "program");
                worker.sync(uid, program, attempt);
                synced.increment();
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (TransientFailure e) {
                route(envelope, props, body, headers, uid, program, attempt, e.getMessage(), false);
            } catch (IOException e) {
                route(envelope, props, body, headers, uid, program, attempt, "unreadable message: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                route(envelope, props, body, headers, uid, program, attempt, SyncWorker.reason(e), true);
            }
        }

        private void route(Envelope envelope, AMQP.BasicProperties props, byte[] body, Map<String, Object> headers, String uid,
                String program, int attempt, String reason, boolean permanent) throws IOException {
            boolean toDead = permanent || attempt >= broker.retryTiers();
            Map<String, Object> next = new HashMap<>(headers);
            next.put(ATTEMPT, attempt + 1);
            next.put(REASON, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            try {
                broker.republish(toDead ? Broker.DEAD : "retry." + (attempt + 1), body, props.builder().headers(next).build());
                recordFailure(uid, program, toDead ? "FAILED" : "RETRYING", reason, attempt + 1);
                (toDead ? dead : retried).increment();
                LOG.warnf("Tracked entity %s %s after attempt %d: %s", uid, toDead ? "dead-lettered" : "to retry", attempt + 1,
                        reason);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (RuntimeException e) {
                LOG.warnf("Could not re-route tracked entity %s (%s); returned to the queue", uid, e.getMessage());
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            }
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
