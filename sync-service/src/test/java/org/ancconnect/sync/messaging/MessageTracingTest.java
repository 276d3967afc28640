package org.ancconnect.sync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The consumer span continues the publisher's trace, and what it publishes carries its own context. */
class MessageTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void withTheSdkOnTheConsumerSpanIsAChildOfTheMessagesTraceparent() {
        List<SpanData> exported = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        })).build();
        MessageTracing tracing = new MessageTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

        Span span = tracing.consumerSpan("sync.patient-events", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
        Map<String, Object> published;
        try (Scope scope = span.makeCurrent()) {
            published = tracing.inject(Map.of("ce-id", "e1"));
        } finally {
            span.end();
        }

        assertThat(exported).hasSize(1);
        SpanData consumer = exported.get(0);
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getTraceId()).isEqualTo(TRACE);
        assertThat(consumer.getParentSpanId()).isEqualTo(PARENT);
        assertThat(consumer.getParentSpanContext().isRemote()).isTrue();
        assertThat(published).containsEntry("ce-id", "e1")
                .containsEntry("traceparent", "00-" + TRACE + "-" + consumer.getSpanId() + "-01");
    }

    @Test
    void withTheSdkOffTheContextStillPassesThroughAndWithoutOneNothingIsInvented() {
        MessageTracing tracing = new MessageTracing(OpenTelemetry.noop());
        Span span = tracing.consumerSpan("q", Map.of("traceparent", "00-" + TRACE + "-" + PARENT + "-01"));
        try (Scope scope = span.makeCurrent()) {
            assertThat(tracing.inject(Map.of())).containsEntry("traceparent", "00-" + TRACE + "-" + PARENT + "-01");
        }
        Span orphan = tracing.consumerSpan("q", Map.of());
        try (Scope scope = orphan.makeCurrent()) {
            assertThat(tracing.inject(Map.of())).doesNotContainKey("traceparent");
        }
    }
}
