package org.ancconnect.sync.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
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
import org.ancconnect.sync.delivery.TransientFailure;
import org.ancconnect.sync.dhis2.Dhis2Exception;
import org.ancconnect.sync.mapping.BundleCheck;
import org.ancconnect.sync.mapping.MappingException;
import org.ancconnect.sync.messaging.Broker;
import org.ancconnect.sync.messaging.MessageTracing;
import org.ancconnect.sync.messaging.Redelivery;
import org.jboss.logging.Logger;

/**
 * Consumers of {@code patient.*} events (quorum queue bound to {@code anc.events}). Each delivery is a
 * CONSUMER span, child of the {@code traceparent} phn-service sent. Acked after {@link RegistrationService}
 * applied it (or found it already applied); a transient failure (DHIS2/NEHR unreachable, 5xx, 409) climbs
 * the retry tiers, a permanent one (invalid event, DHIS2 import rejected, NEHR 4xx) goes to the dead-letter
 * queue with the reason, and the status row says which system failed. Logs name the event id, never the person.
 */
@ApplicationScoped
public class PatientEventConsumers {

    private static final Logger LOG = Logger.getLogger(PatientEventConsumers.class);

    private final Broker broker;
    private final RegistrationService service;
    private final PatientStatusRepository status;
    private final Redelivery redelivery;
    private final MessageTracing tracing;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final int consumers;

    public PatientEventConsumers(Broker broker, RegistrationService service, PatientStatusRepository status, Redelivery redelivery,
            MessageTracing tracing, ObjectMapper json, MeterRegistry registry, SyncConfig config) {
        this.broker = broker;
        this.service = service;
        this.status = status;
        this.redelivery = redelivery;
        this.tracing = tracing;
        this.json = json;
        this.registry = registry;
        this.consumers = config.registration().consumers();
    }

    void start(@Observes StartupEvent event) {
        broker.consume(broker.patientEvents().queue(), consumers, Consumer::new);
    }

    private final class Consumer extends DefaultConsumer {

        Consumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
            Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
            String ceId = header(headers, "ce-id");
            Span span = tracing.consumerSpan(broker.patientEvents().queue(), headers);
            span.setAttribute("messaging.message.id", String.valueOf(ceId));
            try (Scope scope = span.makeCurrent()) {
                PatientEvent event = null;
                try {
                    JsonNode message = json.readTree(body);
                    event = PatientEvent.parse(message, ceId, header(headers, "ce-type") != null ? header(headers, "ce-type")
                            : envelope.getRoutingKey().startsWith("patient.") ? envelope.getRoutingKey() : null);
                    RegistrationService.Outcome outcome = service.apply(event);
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    registry.counter("sync.patient_events", "outcome", outcome.name().toLowerCase()).increment();
                } catch (RegistrationService.StageFailure e) {
                    boolean transientFailure = e.getCause() instanceof TransientFailure;
                    fail(span, envelope, props, body, ceId, event, e.system(), e.getMessage(), !transientFailure);
                } catch (TransientFailure e) {
                    fail(span, envelope, props, body, ceId, event, "dhis2", e.getMessage(), false);
                } catch (IOException e) {
                    fail(span, envelope, props, body, ceId, null, "dhis2", "unreadable message: " + e.getMessage(), true);
                } catch (MappingException | BundleCheck.Invalid | Dhis2Exception | IllegalStateException e) {
                    fail(span, envelope, props, body, ceId, event, "dhis2", "invalid patient event: " + e.getMessage(), true);
                }
            } finally {
                span.end();
            }
        }

        private void fail(Span span, Envelope envelope, AMQP.BasicProperties props, byte[] body, String ceId, PatientEvent event,
                String system, String reason, boolean permanent) throws IOException {
            Redelivery.Outcome outcome = redelivery.route(getChannel(), envelope.getDeliveryTag(), props, body,
                    broker.patientEvents(), reason, permanent, span);
            if (outcome == Redelivery.Outcome.REQUEUED) {
                return;
            }
            boolean dead = outcome == Redelivery.Outcome.DEAD;
            registry.counter("sync.patient_events", "outcome", dead ? "dead_lettered" : "retried").increment();
            // The reason may quote a value of the person (DHIS2 echoes rejected values): it goes to the DLQ header and the
            // status row, never to the log.
            LOG.warnf("Patient event %s %s (%s)", ceId, dead ? "dead-lettered" : "to retry", system);
            if (event != null) {
                try {
                    status.failed(event.phn(), system, dead ? "FAILED" : "RETRYING", reason);
                } catch (SQLException e) {
                    LOG.warnf("Patient sync status not updated: %s", e.getMessage());
                }
            }
        }
    }

    private static String header(Map<String, Object> headers, String name) {
        Object v = headers.get(name);
        return v == null ? null : v.toString();
    }
}
