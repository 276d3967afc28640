package org.ancconnect.sync.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.sync.Await;
import org.ancconnect.sync.mapping.Fixtures;
import org.ancconnect.sync.messaging.Broker;
import org.ancconnect.testsupport.dhis2.Dhis2StandinTestResource;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * patient.* events from the (test-prefixed) anc.events exchange of the real RabbitMQ into the DHIS2 stand-in
 * and the real HAPI JPA server, and the portal's status API over what the consumer recorded.
 */
@QuarkusTest
@QuarkusTestResource(Dhis2StandinTestResource.class)
@QuarkusTestResource(FhirServerTestResource.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class PatientEventsTest {

    private static final String FACILITY = "Tnl7qgZh7zL";
    private static final String PHN = "http://fhir.health.gov.lk/ips/identifier/phn";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Inject
    Broker broker;
    @ConfigProperty(name = "sync.dhis2.base-url")
    String dhis2;
    @ConfigProperty(name = "anc.nehr.base-url")
    String nehr;

    private final String admin = TestInternalIssuer.get().staffToken("ops-1", FACILITY, "ADMIN");
    private final String phm = TestInternalIssuer.get().staffToken("phm-1", FACILITY, "PHM");
    private final String otherPhm = TestInternalIssuer.get().staffToken("phm-2", "GYBZ1og9bk7", "PHM");
    private final String doctor = TestInternalIssuer.get().staffToken("doc-1", FACILITY, "DOCTOR");

    @Test
    void aRegistrationReachesDhis2AndTheNehrOnceAndThePortalSeesIt() throws Exception {
        String phn = phn();
        String ceId = UUID.randomUUID().toString();
        ObjectNode event = event("patient.registered", phn).put("eventId", ceId)
                .put("occurredAt", Instant.now().toString());
        publish(event, ceId);
        awaitNehr(phn, "SYNCED");

        JsonPath te = findInDhis2(phn);
        assertThat(te.getList("trackedEntities")).hasSize(1);
        assertThat(te.getString("trackedEntities[0].orgUnit")).isEqualTo(FACILITY);
        assertThat(te.getString("trackedEntities[0].enrollments[0].status")).isEqualTo("ACTIVE");
        assertThat(te.getString("trackedEntities[0].enrollments[0].orgUnit")).isEqualTo(FACILITY);
        assertThat(attributes(te)).containsEntry("CJLJmmp8r9g", "sub-" + phn).containsEntry("IrUmPkFMDU5", phn);
        assertThat(patients(phn)).isEqualTo(1);

        given().auth().oauth2(phm).get("/api/sync/patients/" + phn).then().statusCode(200)
                .body("displayName", equalTo("Dilani Kumari Jayasuriya")).body("dhis2Status", equalTo("SYNCED"))
                .body("trackedEntity", equalTo(te.getString("trackedEntities[0].trackedEntity")))
                .body("enrollment", equalTo(te.getString("trackedEntities[0].enrollments[0].enrollment")))
                .body("orgUnit", equalTo(FACILITY));
        given().auth().oauth2(phm).get("/api/sync/patients?pageSize=500").then().statusCode(200)
                .body("items.phn", hasItem(phn)).body("items.orgUnit", not(hasItem("GYBZ1og9bk7")));
        given().auth().oauth2(otherPhm).get("/api/sync/patients/" + phn).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(otherPhm).get("/api/sync/patients?facility=" + FACILITY).then().statusCode(403);
        given().auth().oauth2(otherPhm).get("/api/sync/patients").then().statusCode(200).body("items.phn", not(hasItem(phn)));
        given().auth().oauth2(doctor).get("/api/sync/patients/" + phn).then().statusCode(200);
        given().auth().oauth2(doctor).get("/api/sync/patients").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/sync/patients?facility=" + FACILITY + "&pageSize=500").then().statusCode(200)
                .body("items.phn", hasItem(phn));
        given().auth().oauth2(admin).get("/api/sync/patients?facility=bad").then().statusCode(400);
        given().get("/api/sync/patients").then().statusCode(401);

        // The same event again (at-least-once delivery) and an update: still one tracked entity, one Patient.
        publish(event, ceId);
        ObjectNode update = event("patient.updated", phn).put("phone", "+94 71 7654321")
                .put("occurredAt", Instant.now().plusSeconds(1).toString());
        String updateId = UUID.randomUUID().toString();
        publish(update.put("eventId", updateId), updateId);
        Await.until(() -> "+94 71 7654321".equals(attributes(findInDhis2(phn)).get("gGAQeOr1Pgu")), "phone updated in DHIS2");
        assertThat(findInDhis2(phn).getList("trackedEntities")).hasSize(1);
        Await.until(() -> patients(phn + "&telecom=+94 71 7654321") == 1, "phone updated in the NEHR");
        assertThat(patients(phn)).isEqualTo(1);

        // The phone removed in phn-service: removed in DHIS2 too (not just left as it was), and in the NEHR.
        ObjectNode removal = event("patient.updated", phn).put("occurredAt", Instant.now().plusSeconds(2).toString());
        removal.remove("phone");
        String removalId = UUID.randomUUID().toString();
        publish(removal.put("eventId", removalId), removalId);
        Await.until(() -> !attributes(findInDhis2(phn)).containsKey("gGAQeOr1Pgu"), "phone removed in DHIS2");
        assertThat(attributes(findInDhis2(phn))).containsEntry("CJLJmmp8r9g", "sub-" + phn);
        Await.until(() -> patients(phn + "&telecom=+94 71 7654321") == 0, "phone removed in the NEHR");
        assertThat(patients(phn)).isEqualTo(1);
    }

    @Test
    void aMergeMovesTheRetiredPhnOntoTheSurvivorAndMarksItsPatientReplaced() throws Exception {
        String survivor = phn();
        String retired = phn();
        for (String p : List.of(survivor, retired)) {
            String id = UUID.randomUUID().toString();
            publish(event("patient.registered", p).put("eventId", id)
                    .put("occurredAt", Instant.now().toString()), id);
            awaitNehr(p, "SYNCED");
        }
        String retiredTe = findInDhis2(retired).getString("trackedEntities[0].trackedEntity");
        String mergeId = UUID.randomUUID().toString();
        ObjectNode merge = event("patient.merged", survivor).put("eventId", mergeId)
                .put("survivorPhn", survivor).put("occurredAt", Instant.now().plusSeconds(1).toString());
        merge.putArray("retiredPhns").add(retired);
        publish(merge, mergeId);
        Await.until(() -> "REPLACED".equals(status(retired).getString("nehrStatus")), "retired PHN replaced");

        assertThat(status(retired).getString("dhis2Status")).isEqualTo("MERGED");
        assertThat(findInDhis2(retired).getList("trackedEntities")).as("no tracked entity carries the retired PHN").isEmpty();
        assertThat(findInDhis2(survivor).getList("trackedEntities.trackedEntity")).contains(retiredTe);
        JsonPath old = given().accept("application/fhir+json").get(nehr + "/Patient?identifier=" + PHN + "|" + retired)
                .then().statusCode(200).extract().jsonPath();
        assertThat(old.getBoolean("entry[0].resource.active")).isFalse();
        assertThat(old.getString("entry[0].resource.link[0].type")).isEqualTo("replaced-by");
        String survivorId = given().accept("application/fhir+json").get(nehr + "/Patient?identifier=" + PHN + "|" + survivor)
                .then().statusCode(200).extract().path("entry[0].resource.id");
        assertThat(old.getString("entry[0].resource.link[0].other.reference")).endsWith("Patient/" + survivorId);
    }

    @Test
    void anInvalidEventIsDeadLetteredWithTheFieldAndTheTraceContinues() throws Exception {
        long before = broker.depth(broker.patientEvents().deadQueue());
        ObjectNode bad = event("patient.registered", phn()).put("birthDate", "not-a-date");
        String id = UUID.randomUUID().toString();
        publish(bad.put("eventId", id), id);
        Await.until(() -> broker.depth(broker.patientEvents().deadQueue()) > before, "dead letter");
        try (Channel ch = broker.connection().createChannel()) {
            GetResponse dead;
            while ((dead = ch.basicGet(broker.patientEvents().deadQueue(), false)) != null) {
                Map<String, Object> headers = dead.getProps().getHeaders();
                ch.basicAck(dead.getEnvelope().getDeliveryTag(), false);
                if (id.equals(String.valueOf(headers.get("ce-id")))) {
                    assertThat(String.valueOf(headers.get("x-failure-reason"))).contains("birthDate");
                    assertThat(String.valueOf(headers.get("traceparent"))).as("the consumer's context, same trace")
                            .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
                    return;
                }
            }
        }
        throw new AssertionError("the invalid event is not in the dead-letter queue");
    }

    @Test
    void aSubAlreadyOnAnotherMothersPatientIsDeadLetteredAtOnceNamingTheSystem() throws Exception {
        String first = phn();
        String id = UUID.randomUUID().toString();
        publish(event("patient.registered", first).put("eventId", id).put("occurredAt", Instant.now().toString()), id);
        awaitNehr(first, "SYNCED");
        // Another PHN claiming the first mother's eSignet sub: the NEHR's unique-identifier rule answers 409, which no
        // retry can cure. It must reach the DLQ without climbing the retry tiers (5 s + 30 s + 120 s + 600 s).
        String second = phn();
        String stolen = "sub-" + first;
        String conflictId = UUID.randomUUID().toString();
        publish(event("patient.registered", second).put("esignetSub", stolen).put("eventId", conflictId)
                .put("occurredAt", Instant.now().toString()), conflictId);
        Await.until(() -> "FAILED".equals(status(second).getString("nehrStatus")), second + " FAILED in the NEHR stage");
        String lastError = status(second).getString("lastError");
        assertThat(lastError).contains("identity conflict").contains("esignet-sub").doesNotContain(stolen);
        assertThat(patients(second)).isZero();
        assertThat(patients(first)).isEqualTo(1);
        Await.until(() -> deadLetter(conflictId).isPresent(), "the conflicting registration in the DLQ");
    }

    /** Takes the dead letter of this ce-id off the patient-events DLQ and answers its failure reason (checked for no value). */
    private java.util.Optional<String> deadLetter(String ceId) {
        try (Channel ch = broker.connection().createChannel()) {
            GetResponse dead;
            java.util.List<GetResponse> others = new java.util.ArrayList<>();
            java.util.Optional<String> found = java.util.Optional.empty();
            while ((dead = ch.basicGet(broker.patientEvents().deadQueue(), false)) != null) {
                if (ceId.equals(String.valueOf(dead.getProps().getHeaders().get("ce-id")))) {
                    String reason = String.valueOf(dead.getProps().getHeaders().get("x-failure-reason"));
                    assertThat(reason).contains("identity conflict").contains("esignet-sub").doesNotContain("sub-TST");
                    ch.basicAck(dead.getEnvelope().getDeliveryTag(), false);
                    found = java.util.Optional.of(reason);
                } else {
                    others.add(dead);
                }
            }
            for (GetResponse other : others) {
                ch.basicNack(other.getEnvelope().getDeliveryTag(), false, true);
            }
            return found;
        } catch (java.io.IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(ObjectNode event, String ceId) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2)
                .headers(Map.of("ce-id", ceId, "ce-type", event.path("type").asText(), "ce-source", "/phn-service",
                        "ce-time", Instant.now().toString(), "ce-specversion", "1.0", "traceparent", TRACEPARENT))
                .build();
        try (Channel ch = broker.connection().createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(broker.eventsExchange(), event.path("type").asText(), true, props,
                    Fixtures.JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    private JsonPath findInDhis2(String phn) {
        return given().auth().preemptive().basic(Dhis2StandinTestResource.USERNAME, Dhis2StandinTestResource.PASSWORD)
                .get(dhis2 + "/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnitMode=ACCESSIBLE&filter=IrUmPkFMDU5:eq:" + phn
                        + "&fields=trackedEntity,orgUnit,attributes,enrollments[enrollment,orgUnit,status,attributes]")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> attributes(JsonPath te) {
        Map<String, String> out = new java.util.HashMap<>();
        List<Map<String, String>> all = new java.util.ArrayList<>(te.getList("trackedEntities[0].attributes"));
        all.addAll(te.getList("trackedEntities[0].enrollments[0].attributes"));
        all.forEach(a -> out.put(a.get("attribute"), a.get("value")));
        return out;
    }

    private int patients(String phnQuery) {
        return given().accept("application/fhir+json").get(nehr + "/Patient?identifier=" + PHN + "|" + phnQuery + "&_summary=count")
                .then().statusCode(200).extract().path("total");
    }

    private JsonPath status(String phn) {
        return given().auth().oauth2(admin).get("/api/sync/patients/" + phn).then().extract().jsonPath();
    }

    private void awaitNehr(String phn, String expected) {
        Await.until(() -> expected.equals(status(phn).getString("nehrStatus")), phn + " " + expected);
    }

    private static String phn() {
        return "TST" + (10_000_000 + new SecureRandom().nextInt(89_999_999));
    }

    /** A mother's event with her own eSignet sub (the NEHR refuses two Patients with one identifier). */
    private static ObjectNode event(String type, String phn) {
        return RegistrationPlanTest.event(type, phn, FACILITY).put("esignetSub", "sub-" + phn);
    }
}
