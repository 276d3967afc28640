package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The relay against the real RabbitMQ and HAPI JPA server: idempotent on redelivery, poison messages dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = FhirServerTestResource.class, restrictToAnnotatedClass = true)
class AuditRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AuditBroker broker;
    @Inject
    RecordService records;
    @Inject
    MeterRegistry meters;

    @Test
    void aRedeliveredAuditEventIsWrittenOnce() throws Exception {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 0);
        String patientId = records.view(Accessor.patient(phn, "Nimali Perera"), phn, Purpose.PATRQT, null).await().atMost(WAIT)
                .patientId();
        RecordServiceTest.awaitLog(records, phn, 1);
        double before = relayed();
        String id = UUID.randomUUID().toString();
        byte[] json = json(event(id, new Reference("Patient/" + patientId), new Reference("Patient/" + patientId)));

        // The same message twice, as the broker redelivers one whose ack was lost: two deliveries, one AuditEvent.
        broker.publish(id, json).toCompletableFuture().get(5, TimeUnit.SECONDS);
        broker.publish(id, json).toCompletableFuture().get(5, TimeUnit.SECONDS);

        await(() -> relayed() >= before + 2, "both deliveries relayed");
        List<AccessEntry> log = records.accessLog(phn, 50).await().atMost(WAIT);
        assertThat(log).as("her own view + the redelivered event, once").hasSize(2);
        assertThat(NehrSeed.get(RecordServiceTest.base() + "/AuditEvent/" + id)).contains("\"id\":\"" + id + "\"");
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonAndTheRestOfItsBatchIsWritten() throws Exception {
        String phn = NehrSeed.mother(RecordServiceTest.base(), NehrSeed.newPhn(), "Nimali Perera", null, 0);
        String patientId = records.view(Accessor.patient(phn, "Nimali Perera"), phn, Purpose.PATRQT, null).await().atMost(WAIT)
                .patientId();
        Reference patient = new Reference("Patient/" + patientId);
        // A reader the NEHR has no Practitioner for: the conditional reference cannot resolve, the NEHR refuses (4xx).
        String poison = UUID.randomUUID().toString();
        Reference nobody = new Reference("Practitioner?identifier=" + Transactions.token("urn:test:staff", "nobody-" + poison));
        String good = UUID.randomUUID().toString();
        String garbage = UUID.randomUUID().toString();

        broker.publish(poison, json(event(poison, nobody, patient))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        broker.publish(good, json(event(good, patient.copy(), patient))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        broker.publish(garbage, "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        List<GetResponse> dead = new ArrayList<>();
        try (Connection c = broker.newConnection("audit-relay-test"); Channel ch = c.createChannel()) {
            await(() -> {
                GetResponse r = ch.basicGet(broker.deadQueue(), false);
                if (r != null) {
                    dead.add(r);
                    if (r.getProps().getMessageId().equals(poison) || r.getProps().getMessageId().equals(garbage)) {
                        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
                    }
                }
                return dead.stream().filter(r2 -> List.of(poison, garbage).contains(r2.getProps().getMessageId())).count() == 2;
            }, "poison and garbage in the dead-letter queue");
        }
        GetResponse p = dead.stream().filter(r -> r.getProps().getMessageId().equals(poison)).findFirst().orElseThrow();
        assertThat(p.getProps().getHeaders().get(AuditRelay.REASON).toString()).contains("NEHR POST transaction answered 4");
        GetResponse g = dead.stream().filter(r -> r.getProps().getMessageId().equals(garbage)).findFirst().orElseThrow();
        assertThat(g.getProps().getHeaders().get(AuditRelay.REASON).toString()).contains("not an AuditEvent");
        assertThat(RecordServiceTest.awaitLog(records, phn, 2)).as("her view and the good event").hasSize(2);
        assertThat(NehrSeed.get(RecordServiceTest.base() + "/AuditEvent/" + poison)).contains("\"resourceType\":\"OperationOutcome\"");
    }

    private double relayed() {
        return meters.counter("portal.audit.relayed").count();
    }

    static AuditEvent event(String id, Reference who, Reference patient) {
        AuditEvent ae = AuditEvents.view(Accessor.staff("test", "Test Reader", "DOCTOR"), who, patient, Purpose.TREAT, null,
                Date.from(Instant.now()));
        ae.setId(id);
        return ae;
    }

    static byte[] json(AuditEvent ae) {
        return NehrClient.FHIR.newJsonParser().encodeResourceToString(ae).getBytes(StandardCharsets.UTF_8);
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(Condition condition, String what) throws Exception {
        Instant until = Instant.now().plus(WAIT);
        while (!condition.met()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
