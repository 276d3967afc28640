package org.ancconnect.phn.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ancconnect.phn.PhnConfig;
import org.jboss.logging.Logger;

/**
 * Relays committed outbox rows to RabbitMQ: the durable topic exchange {@code anc.events}, routing key =
 * event type, persistent JSON messages with CloudEvents headers, publisher confirms per batch. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so every replica may run the relay; a row is marked
 * published only after the broker confirmed it, so a broker outage delays events and never loses them.
 * Delivery is at-least-once (a crash between the confirm and the commit republishes): consumers
 * de-duplicate on {@code ce-id}. Blocking by design (JDBC and the AMQP client), on the scheduler's
 * worker thread, never on the event loop.
 *
 * <p>Tracing: each publish is a PRODUCER span, child of the trace context stored with the row (the
 * registration's request), and the message carries that span's W3C {@code traceparent} (and
 * {@code tracestate}) header, so a consumer's span joins the registration's trace.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final EventsConfig config;
    private final MeterRegistry meters;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private Connection connection;
    private Channel channel;

    @Inject
    public OutboxRelay(DataSource dataSource, PhnConfig config, MeterRegistry meters, OpenTelemetry openTelemetry) {
        this(dataSource, config.events(), meters, openTelemetry);
    }

    OutboxRelay(DataSource dataSource, EventsConfig config, MeterRegistry meters, OpenTelemetry openTelemetry) {
        this.dataSource = dataSource;
        this.config = config;
        this.meters = meters;
        this.tracer = openTelemetry.getTracer("org.ancconnect.phn.events");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.relayEnabled()) {
            publishPending();
        }
    }

    /** Publishes one batch of pending rows; returns how many were confirmed, or -1 when the broker failed. */
    public synchronized int publishPending() {
        try (java.sql.Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            List<Row> rows = claim(db);
            if (rows.isEmpty()) {
                db.commit();
                return 0;
            }
            List<Span> spans = new ArrayList<>(rows.size());
            try {
                Channel ch = channel();
                for (Row row : rows) {
                    Span span = producerSpan(row);
                    spans.add(span);
                    ch.basicPublish(config.exchange(), row.type(), false, properties(row, span),
                            row.payload().getBytes(StandardCharsets.UTF_8));
                }
                ch.waitForConfirmsOrDie(config.confirmTimeout().toMillis());
                spans.forEach(Span::end);
            } catch (Exception e) {
                spans.forEach(span -> span.recordException(e).setStatus(StatusCode.ERROR).end());
                db.rollback();
                disconnect();
                recordFailure(rows, e);
                return -1;
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY(?)")) {
                ps.setArray(1, db.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
                ps.executeUpdate();
            }
            db.commit();
            meters.counter("phn.outbox.published").increment(rows.size());
            return rows.size();
        } catch (SQLException e) {
            LOG.warnf("Outbox relay could not read the outbox: %s", e.getMessage());
            return -1;
        }
    }

    private List<Row> claim(java.sql.Connection db) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, event_type, payload::text, created_at, traceparent, tracestate FROM outbox"
                + " WHERE published_at IS NULL ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return rows;
    }

    /** The publish span (semantic conventions for messaging), child of the context stored with the row. */
    private Span producerSpan(Row row) {
        Map<String, String> stored = new HashMap<>();
        if (row.traceparent() != null) {
            stored.put("traceparent", row.traceparent());
        }
        if (row.tracestate() != null) {
            stored.put("tracestate", row.tracestate());
        }
        Context parent = propagator.extract(Context.root(), stored, MAP_GETTER);
        return tracer.spanBuilder(config.exchange() + " publish").setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", config.exchange())
                .setAttribute("messaging.rabbitmq.destination.routing_key", row.type())
                .setAttribute("messaging.message.id", row.id().toString())
                .startSpan();
    }

    private AMQP.BasicProperties properties(Row row, Span span) {
        Map<String, Object> headers = new HashMap<>(Map.of("ce-id", row.id().toString(), "ce-type", row.type(),
                "ce-source", config.source(), "ce-time", row.createdAt().toString(), "ce-specversion", "1.0"));
        propagator.inject(Context.root().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(row.id().toString())
                .headers(headers)
                .build();
    }

    private void recordFailure(List<Row> rows, Exception cause) {
        String reason = String.valueOf(cause.getMessage());
        LOG.warnf("Broker unavailable, %d event(s) stay in the outbox for the next attempt: %s", rows.size(), reason);
        meters.counter("phn.outbox.failures").increment();
        try (java.sql.Connection db = dataSource.getConnection();
                PreparedStatement ps = db.prepareStatement("UPDATE outbox SET attempts = attempts + 1, last_error = ?"
                        + " WHERE id = ANY(?) AND published_at IS NULL")) {
            ps.setString(1, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setArray(2, db.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not record the relay failure: %s", e.getMessage());
        }
    }

    private Channel channel() throws Exception {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        disconnect();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setConnectionTimeout((int) config.confirmTimeout().toMillis());
        // Recovery is ours: a failed batch closes the connection and the next tick reconnects.
        factory.setAutomaticRecoveryEnabled(false);
        connection = factory.newConnection("phn-service-outbox");
        channel = connection.createChannel();
        channel.exchangeDeclare(config.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.confirmSelect();
        return channel;
    }

    private void disconnect() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close();
            }
        } catch (Exception e) {
            LOG.debugf("Closing the broker connection: %s", e.getMessage());
        }
        connection = null;
        channel = null;
    }

    void close(@Observes ShutdownEvent event) {
        disconnect();
    }

    private record Row(UUID id, String type, String payload, OffsetDateTime createdAt, String traceparent,
            String tracestate) {
    }

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
