package org.ancconnect.sync.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What a consumer does with a message it could not process: a transient failure climbs the lane's
 * retry tiers (exponential back-off), a permanent one or the last tier's failure goes to the lane's
 * dead-letter queue with the reason in {@code x-failure-reason}. The original is acked only after the
 * re-publish was confirmed; if that fails it is nacked back to the queue, so nothing is lost. The
 * re-published copy carries the current (consumer span's) trace context.
 */
@ApplicationScoped
public class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);
    public static final String ATTEMPT = "x-attempt";
    public static final String REASON = "x-failure-reason";
    /** RabbitMQ headers are kept small; a reason longer than this is cut (the sync log keeps it whole). */
    private static final int MAX_REASON = 1000;

    /** Where the message went. */
    public enum Outcome { RETRYING, DEAD, REQUEUED }

    private final Broker broker;
    private final MessageTracing tracing;

    public Redelivery(Broker broker, MessageTracing tracing) {
        this.broker = broker;
        this.tracing = tracing;
    }

    /** The attempts a message has already had (0 for a first delivery). */
    public static int attempt(Map<String, Object> headers) {
        return headers.get(ATTEMPT) instanceof Number n ? n.intValue() : 0;
    }

    /** Routes a failed delivery and marks the consumer's span as failed with the reason. */
    public Outcome route(Channel channel, long deliveryTag, AMQP.BasicProperties props, byte[] body, Broker.Lane lane,
            String reason, boolean permanent, Span span) throws IOException {
        span.setStatus(StatusCode.ERROR, reason.length() > 200 ? reason.substring(0, 200) : reason);
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        int attempt = attempt(headers);
        boolean toDead = permanent || attempt >= broker.retryTiers();
        Map<String, Object> next = tracing.inject(headers);
        next.put(ATTEMPT, attempt + 1);
        next.put(REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        try {
            broker.republish(toDead ? lane.deadKey() : lane.retryKeyPrefix() + (attempt + 1), body,
                    props.builder().headers(next).build());
            channel.basicAck(deliveryTag, false);
            return toDead ? Outcome.DEAD : Outcome.RETRYING;
        } catch (RuntimeException e) {
            LOG.warnf("Could not re-route a message of %s (%s); returned to the queue", lane.queue(), e.getMessage());
            channel.basicNack(deliveryTag, false, true);
            return Outcome.REQUEUED;
        }
    }
}
