package org.ancconnect.phn.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ancconnect.phn.PhnConfig;
import org.ancconnect.phn.registry.PersonRow;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/** The outbox against the real PostgreSQL and RabbitMQ; the scheduled relay is off so the test drives it. */
@QuarkusTest
@TestProfile(ManualRelayProfile.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Inject
    PhnConfig config;

    @Inject
    Pool pool;

    @Inject
    PatientEvents events;

    @Inject
    OutboxCleanup cleanup;

    @Test
    void eventsWaitOutABrokerOutageAndArriveWithCloudEventsHeaders() throws Exception {
        try (EventQueue queue = EventQueue.bind(config.events(), "patient.*")) {
            String sourceId = UUID.randomUUID().toString();
            // Born 1 January 1990, a woman: day 1 + 500; a fresh serial so earlier runs do not link her.
            String nic = "1990501" + String.format("%05d", new java.util.Random().nextInt(100_000));
            String phn = io.restassured.RestAssured.given()
                    .auth().oauth2(TestInternalIssuer.get().staffToken("phm-1", "DiszpKrYNg8", "PHM"))
                    .contentType("application/json")
                    .body("""
                            {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["Outbox"],"familyName":"Relaytest",
                             "birthDate":"1990-01-01","sex":"female","nic":"%s"}""".formatted(sourceId, nic))
                    .post("/api/registrations").then().statusCode(201).extract().path("phn");

            OutboxRelay down = new OutboxRelay(dataSource, new BrokerDown(config.events()), new SimpleMeterRegistry(),
                    io.opentelemetry.api.OpenTelemetry.noop());
            assertThat(down.publishPending()).isEqualTo(-1);
            Map<String, Object> row = pendingRowOf(sourceId);
            assertThat(row.get("published")).isEqualTo(false);
            assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(1);

            while (relay.publishPending() > 0) {
                // drain every pending row, ours among them
            }
            assertThat(pendingRowOf(sourceId).get("published")).isEqualTo(true);
            GetResponse message = queue.await(sourceId);
            assertThat(message).as("event delivered").isNotNull();
            assertThat(message.getEnvelope().getRoutingKey()).isEqualTo("patient.registered");
            assertThat(message.getProps().getContentType()).isEqualTo("application/json");
            Map<String, Object> headers = message.getProps().getHeaders();
            assertThat(headers).containsKeys("ce-id", "ce-type", "ce-source", "ce-time");
            // AMQP returns header strings as LongString: compare their text.
            assertThat(String.valueOf(headers.get("ce-specversion"))).isEqualTo("1.0");
            assertThat(String.valueOf(headers.get("ce-type"))).isEqualTo("patient.registered");
            JsonObject body = new JsonObject(new String(message.getBody(), StandardCharsets.UTF_8));
            assertThat(body.getString("type")).isEqualTo("patient.registered");
            assertThat(body.getString("phn")).isEqualTo(phn.replace("-", ""));
            assertThat(body.getBoolean("nicPresent")).isTrue();
            assertThat(body.encode()).doesNotContain(nic);
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() {
        UUID person = UUID.randomUUID();
        PersonRow row = new PersonRow(person, "CMBT22222220", "ACTIVE", null, "Roll", "Back", LocalDate.of(1990, 1, 1),
                false, "female", null, null, null, null, null, null, null, null, List.of());
        Uni<Void> failing = pool.withTransaction(conn -> events.append(conn, PatientEvents.REGISTERED, row, List.of(),
                null, "test", "rollback").chain(() -> Uni.createFrom().failure(new IllegalStateException("rollback"))));
        try {
            failing.await().atMost(Duration.ofSeconds(10));
        } catch (IllegalStateException expected) {
            // the transaction failed after writing the event
        }
        long rows = pool.preparedQuery("SELECT count(*) FROM outbox WHERE person_id = $1").execute(Tuple.of(person))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(rows).isZero();
    }

    @Test
    void publishedRowsOlderThanTheRetentionAreDeletedAndPendingOnesNever() {
        UUID expired = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        String insert = "INSERT INTO outbox (id, event_type, person_id, payload, created_at, published_at)"
                + " VALUES ($1, 'patient.updated', $1, '{}', now() - make_interval(days => $2), %s)";
        pool.preparedQuery(insert.formatted("now() - make_interval(days => $2)")).execute(Tuple.of(expired, 8))
                .await().indefinitely();
        pool.preparedQuery(insert.formatted("now() - make_interval(days => $2)")).execute(Tuple.of(recent, 6))
                .await().indefinitely();
        pool.preparedQuery(insert.formatted("NULL")).execute(Tuple.of(pending, 30)).await().indefinitely();

        assertThat(cleanup.purge().await().atMost(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);
        List<UUID> left = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT id FROM outbox WHERE id = ANY($1)")
                .execute(Tuple.of(new UUID[] {expired, recent, pending})).await().indefinitely()
                .forEach(r -> left.add(r.getUUID(0)));
        assertThat(left).containsExactlyInAnyOrder(recent, pending);
        pool.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)").execute(Tuple.of(new UUID[] {recent, pending}))
                .await().indefinitely();
    }

    private Map<String, Object> pendingRowOf(String sourceId) {
        var r = pool.preparedQuery("SELECT published_at IS NOT NULL AS published, attempts FROM outbox"
                + " WHERE payload->>'sourceId' = $1").execute(Tuple.of(sourceId)).await().indefinitely().iterator().next();
        return Map.of("published", r.getBoolean("published"), "attempts", r.getInteger("attempts"));
    }

    /** The same settings with a port nothing listens on. */
    record BrokerDown(EventsConfig real) implements EventsConfig {
        @Override public String exchange() { return real.exchange(); }
        @Override public String source() { return real.source(); }
        @Override public String host() { return "127.0.0.1"; }
        @Override public int port() { return 1; }
        @Override public String username() { return real.username(); }
        @Override public String password() { return real.password(); }
        @Override public String virtualHost() { return real.virtualHost(); }
        @Override public int batchSize() { return real.batchSize(); }
        @Override public Duration confirmTimeout() { return Duration.ofSeconds(2); }
        @Override public boolean relayEnabled() { return false; }
        @Override public Duration outboxRetention() { return real.outboxRetention(); }
    }
}
