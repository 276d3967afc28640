package org.ancconnect.portal.nehr;

import ca.uhn.fhir.parser.DataFormatException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;

/**
 * Moves the audit queue into the NEHR: batches of AuditEvents become one transaction of {@code PUT AuditEvent/<id>}
 * (the id the portal gave the event before publishing), so a redelivered message rewrites the same resource instead
 * of duplicating it. Messages are acked only after the NEHR committed the transaction. A transaction the NEHR refuses
 * (4xx) is split so one bad event cannot hold back the others; an event refused on its own is a poison message and
 * goes to the dead-letter queue with the reason in {@code x-failure-reason}. A transient failure (NEHR unreachable,
 * timeout, 5xx) sends the events through the retry tiers (RabbitMQ TTL queues: back-off without a plugin), retrying at
 * the last tier's delay for as long as it takes. A re-route is acked only after its confirm, so nothing is lost.
 * While this replica serves record views faster than {@code relay.busy-views-per-second} the next batch is held back
 * (unacked, so still durable in the queue) for at most {@code relay.max-deferral}: the writes wait for CPU the pages
 * leave free, and her access log is at most that late.
 *
 * <p>Metrics: {@code portal.audit.relay.lag} (view to NEHR commit), {@code portal.audit.relay.hold} (each hold),
 * {@code portal.audit.relayed},
 * {@code portal.audit.relay.failures{kind}}, {@code portal.audit.dead-lettered}, {@code portal.audit.queue.depth}
 * (work + retry queues) and {@code portal.audit.dlq.depth}.
 */
@ApplicationScoped
public class AuditRelay {

    private static final Logger LOG = Logger.getLogger(AuditRelay.class);
    static final String ATTEMPT = "x-attempt";
    static final String REASON = "x-failure-reason";
    /** RabbitMQ headers stay small; the reason names the status and issue codes, which fit. */
    private static final int MAX_REASON = 1000;
    /** How often a held batch looks again whether the replica is still busy; the view rate is measured over this too. */
    private static final Duration BUSY_CHECK = Duration.ofMillis(250);

    private record Message(Channel channel, Delivery delivery) {
    }

    private final AuditBroker broker;
    private final NehrClient nehr;
    private final NehrConfig nehrConfig;
    private final MeterRegistry meters;
    private final Timer lag;
    private final Timer holds;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong deadDepth = new AtomicLong();
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread worker;
    private Connection connection;
    private Channel consumer;
    private Channel publisher;
    private long sampledViews;
    private long sampledAt = System.nanoTime();
    private double viewsPerSecond;

    AuditRelay(AuditBroker broker, NehrClient nehr, NehrConfig nehrConfig, MeterRegistry meters) {
        this.broker = broker;
        this.nehr = nehr;
        this.nehrConfig = nehrConfig;
        this.meters = meters;
        this.lag = Timer.builder("portal.audit.relay.lag").description("From a record view to its AuditEvent committed in the NEHR")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        this.holds = Timer.builder("portal.audit.relay.hold").description("Each time the relay held a batch back while the replica was busy")
                .register(meters);
        meters.gauge("portal.audit.queue.depth", depth);
        meters.gauge("portal.audit.dlq.depth", deadDepth);
    }

    void onStart(@Observes StartupEvent event) {
        if (broker.config().relay().enabled()) {
            running = true;
            worker = Thread.ofPlatform().daemon().name("audit-relay").start(this::loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        disconnect();
    }

    private void loop() {
        Instant nextDepth = Instant.EPOCH;
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                connect();
                if (Instant.now().isAfter(nextDepth)) {
                    readDepths();
                    nextDepth = Instant.now().plus(broker.config().relay().depthInterval());
                }
                Message first = received.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                holdWhileBusy(first);
                List<Message> batch = new ArrayList<>(List.of(first));
                received.drainTo(batch, broker.config().relay().batchSize() - 1);
                relay(batch);
                backoff = Duration.ofSeconds(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                LOG.warnf("Audit relay: %s; reconnecting in %s", e.getMessage(), backoff);
                disconnect();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Holds the next batch back while this replica publishes views faster than {@code relay.busy-views-per-second},
     * until {@code first} (the oldest: the queue is FIFO) is {@code relay.max-deferral} old. Nothing is acked while
     * held, so the events stay in the queue (and go back to it if this replica stops).
     */
    private void holdWhileBusy(Message first) throws InterruptedException {
        AuditConfig.Relay config = broker.config().relay();
        Instant viewed = viewedAt(first.delivery().getProperties());
        long start = System.nanoTime();
        boolean held = false;
        while (running && hold(viewsPerSecond(), config.busyViewsPerSecond(), viewed, config.maxDeferral(), Instant.now())) {
            held = true;
            Thread.sleep(BUSY_CHECK.toMillis());
        }
        if (held) {
            holds.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether a batch whose oldest event was viewed at {@code viewed} waits, at this rate of views. */
    static boolean hold(double viewsPerSecond, int busyViewsPerSecond, Instant viewed, Duration maxDeferral, Instant now) {
        return busyViewsPerSecond > 0 && viewsPerSecond > busyViewsPerSecond && now.isBefore(viewed.plus(maxDeferral));
    }

    /** This replica's views a second since the last sample at least {@link #BUSY_CHECK} ago (else that sample's rate). */
    private double viewsPerSecond() {
        long now = System.nanoTime();
        if (now - sampledAt >= BUSY_CHECK.toNanos()) {
            long views = broker.published();
            viewsPerSecond = (views - sampledViews) * 1e9 / (now - sampledAt);
            sampledViews = views;
            sampledAt = now;
        }
        return viewsPerSecond;
    }

    /** The view's time: the CloudEvents {@code ce-time} the portal set when it published; now when it is missing. */
    static Instant viewedAt(AMQP.BasicProperties props) {
        Object time = props.getHeaders() == null ? null : props.getHeaders().get("ce-time");
        try {
            return time == null ? Instant.now() : Instant.parse(time.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.now();
        }
    }

    private void connect() throws IOException, java.util.concurrent.TimeoutException {
        if (consumer != null && consumer.isOpen() && publisher.isOpen()) {
            return;
        }
        disconnect();
        connection = broker.newConnection("portal-service-audit-relay");
        publisher = connection.createChannel();
        broker.declare(publisher);
        publisher.confirmSelect();
        Channel ch = connection.createChannel();
        ch.basicQos(broker.config().relay().batchSize() * 2);
        ch.basicConsume(broker.workQueue(), false, "audit-relay", (tag, delivery) -> received.add(new Message(ch, delivery)), tag -> {
        });
        consumer = ch;
        LOG.infof("Audit relay consuming %s", broker.workQueue());
    }

    private void disconnect() {
        // Unacked deliveries of a closed channel go back to the queue; the copies buffered here are void.
        received.clear();
        Connection c = connection;
        connection = null;
        consumer = null;
        publisher = null;
        if (c != null) {
            try {
                c.close(2000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Audit relay connection close: %s", e.getMessage());
            }
        }
    }

    private void readDepths() throws IOException {
        long work = publisher.messageCount(broker.workQueue());
        for (int tier = 1; tier <= broker.config().relay().retryDelays().size(); tier++) {
            work += publisher.messageCount(broker.retryQueue(tier));
        }
        depth.set(work);
        deadDepth.set(publisher.messageCount(broker.deadQueue()));
    }

    /** Relays one batch: parsed events in one transaction; unparseable messages straight to the dead letters. */
    void relay(List<Message> batch) throws IOException {
        List<Message> events = new ArrayList<>();
        List<AuditEvent> parsed = new ArrayList<>();
        for (Message m : batch) {
            try {
                AuditEvent ae = NehrClient.FHIR.newJsonParser().parseResource(AuditEvent.class,
                        new String(m.delivery().getBody(), StandardCharsets.UTF_8));
                String id = m.delivery().getProperties().getMessageId();
                if (id == null || !id.equals(ae.getIdElement().getIdPart())) {
                    throw new DataFormatException("message id and AuditEvent id differ");
                }
                events.add(m);
                parsed.add(ae);
            } catch (DataFormatException | ClassCastException e) {
                deadLetter(m, "not an AuditEvent with its message id: " + e.getMessage());
            }
        }
        write(events, parsed);
    }

    private void write(List<Message> events, List<AuditEvent> parsed) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        Bundle tx = Transactions.transaction();
        parsed.forEach(ae -> Transactions.put(tx, ae.copy(), ae.getIdElement().getIdPart()));
        try {
            nehr.post(tx).await().atMost(nehrConfig.requestTimeout().plusSeconds(1));
        } catch (NehrException e) {
            boolean permanent = e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429;
            meters.counter("portal.audit.relay.failures", "kind", permanent ? "permanent" : "transient").increment();
            if (permanent && events.size() > 1) {
                for (int i = 0; i < events.size(); i++) {
                    write(List.of(events.get(i)), List.of(parsed.get(i)));
                }
            } else if (permanent) {
                deadLetter(events.getFirst(), e.getMessage());
            } else {
                for (Message m : events) {
                    retry(m, e.getMessage());
                }
            }
            return;
        } catch (RuntimeException e) {
            meters.counter("portal.audit.relay.failures", "kind", "transient").increment();
            for (Message m : events) {
                retry(m, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        Instant committed = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            events.get(i).channel().basicAck(events.get(i).delivery().getEnvelope().getDeliveryTag(), false);
            lag.record(Duration.between(parsed.get(i).getRecorded().toInstant(), committed));
        }
        meters.counter("portal.audit.relayed").increment(events.size());
    }

    private void retry(Message m, String reason) throws IOException {
        int attempt = attempt(m.delivery().getProperties());
        int tier = Math.min(attempt + 1, broker.config().relay().retryDelays().size());
        reroute(m, AuditBroker.RETRY_KEY + tier, attempt + 1, reason);
    }

    private void deadLetter(Message m, String reason) throws IOException {
        LOG.warnf("Audit message %s dead-lettered: %s", m.delivery().getProperties().getMessageId(), reason);
        reroute(m, AuditBroker.DEAD_KEY, attempt(m.delivery().getProperties()) + 1, reason);
        meters.counter("portal.audit.dead-lettered").increment();
    }

    /** Re-publishes a copy (confirmed) with the attempt count and reason, then acks the original. */
    private void reroute(Message m, String routingKey, int attempt, String reason) throws IOException {
        AMQP.BasicProperties props = m.delivery().getProperties();
        Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
        headers.put(ATTEMPT, attempt);
        headers.put(REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        publisher.basicPublish(broker.exchange(), routingKey, true, props.builder().headers(headers).build(), m.delivery().getBody());
        try {
            publisher.waitForConfirmsOrDie(broker.config().confirmTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the re-route's confirm", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("re-route not confirmed", e);
        }
        m.channel().basicAck(m.delivery().getEnvelope().getDeliveryTag(), false);
    }

    static int attempt(AMQP.BasicProperties props) {
        return props.getHeaders() != null && props.getHeaders().get(ATTEMPT) instanceof Number n ? n.intValue() : 0;
    }
}
