package org.ancconnect.sync.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * W3C trace context across RabbitMQ: a consumer's span continues the trace of the message's
 * {@code traceparent}/{@code tracestate} headers, and every publish carries the current context. The
 * W3C propagator is used directly (the suite's contract), so the context passes through even while the
 * SDK is off ({@code quarkus.otel.sdk.disabled=true}): the no-op tracer then hands back the parent's
 * context, and nothing is recorded or exported.
 */
@ApplicationScoped
public class MessageTracing {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, Object>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, Object> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            // The AMQP client hands string headers over as LongString.
            return value == null ? null : value.toString();
        }
    };

    private final Tracer tracer;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("org.ancconnect.sync");
    }

    /** A CONSUMER span for one delivery, child of the trace in the message's headers (a new trace without them). */
    public Span consumerSpan(String queue, Map<String, Object> headers) {
        Context parent = W3C.extract(Context.root(), headers, HEADERS);
        return tracer.spanBuilder(queue + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", queue)
                .startSpan();
    }

    /** A copy of {@code headers} with the current trace context in {@code traceparent} (and {@code tracestate}). */
    public Map<String, Object> inject(Map<String, Object> headers) {
        Map<String, Object> out = new HashMap<>(headers);
        W3C.inject(Context.current(), out, (carrier, key, value) -> carrier.put(key, value));
        return out;
    }
}
