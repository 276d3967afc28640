package org.ancconnect.phn.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.registration.RegistrationFixtures;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/**
 * With the OpenTelemetry SDK on, a registration's event carries the trace of the HTTP request that
 * registered her: the outbox row stores the request's context, and the relay publishes the message under a
 * PRODUCER span, child of it, whose context is the message's {@code traceparent}.
 */
@QuarkusTest
@TestProfile(TraceContextTest.TracingOn.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class TraceContextTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "phn.events.relay-enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "0.05s");
        }
    }

    @Inject
    OutboxRelay relay;

    @Inject
    PhnConfig config;

    @Inject
    Pool pool;

    @Inject
    CollectedSpans collected;

    @Test
    void theEventCarriesTheRegistrationsTraceThroughAProducerSpan() throws Exception {
        Random random = new Random();
        String traceId = HexFormat.of().formatHex(randomBytes(random, 16));
        String callerSpan = HexFormat.of().formatHex(randomBytes(random, 8));
        try (EventQueue queue = EventQueue.bind(config.events(), "patient.registered")) {
            String sourceId = UUID.randomUUID().toString();
            io.restassured.RestAssured.given()
                    .auth().oauth2(TestInternalIssuer.get().staffToken("phm-1", "DiszpKrYNg8", "PHM"))
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .contentType("application/json")
                    .body("""
                            {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["%s"],"familyName":"%s",
                             "birthDate":"1991-05-05","sex":"female"}""".formatted(sourceId,
                            RegistrationFixtures.uniqueName(), RegistrationFixtures.uniqueName()))
                    .post("/api/registrations").then().statusCode(201);

            String stored = pool.preparedQuery("SELECT traceparent FROM outbox WHERE payload->>'sourceId' = $1")
                    .execute(Tuple.of(sourceId)).await().indefinitely().iterator().next().getString(0);
            assertThat(stored).as("the request's context, stored with the event")
                    .startsWith("00-" + traceId + "-").doesNotContain(callerSpan);

            while (relay.publishPending() > 0) {
                // drain every pending row, ours among them
            }
            GetResponse message = queue.await(sourceId);
            assertThat(message).as("event delivered").isNotNull();
            String published = String.valueOf(message.getProps().getHeaders().get("traceparent"));
            assertThat(published).startsWith("00-" + traceId + "-").isNotEqualTo(stored);

            String producerSpanId = published.split("-")[2];
            String storedSpanId = stored.split("-")[2];
            SpanData producer = awaitSpan(producerSpanId);
            assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(producer.getParentSpanId()).isEqualTo(storedSpanId);
            assertThat(producer.getTraceId()).isEqualTo(traceId);
        }
    }

    private SpanData awaitSpan(String spanId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData s : collected.spans()) {
                if (s.getSpanId().equals(spanId)) {
                    return s;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("span " + spanId + " was not exported");
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        b[0] |= 1;
        return b;
    }
}
