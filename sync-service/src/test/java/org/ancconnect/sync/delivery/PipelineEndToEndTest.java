package org.ancconnect.sync.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.ancconnect.sync.Await;
import org.ancconnect.sync.messaging.Broker;
import org.ancconnect.testsupport.dhis2.Dhis2StandinTestResource;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with real parts: DHIS2 stand-in (separate process, Asia/Colombo) -> change detection
 * -> RabbitMQ (publisher confirms, quorum queues) -> worker -> the HAPI FHIR JPA server with the NEHR IG.
 */
@QuarkusTest
@QuarkusTestResource(Dhis2StandinTestResource.class)
@QuarkusTestResource(FhirServerTestResource.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class PipelineEndToEndTest {

    private static final String PROGRAM = "eozjj9UivfS";
    private static final String EVENT_SYSTEM = "http://dhis2.health.gov.lk/identifier/event";

    @Inject
    AgroalDataSource ds;
    @Inject
    Broker broker;
    @ConfigProperty(name = "sync.dhis2.base-url")
    String dhis2;
    @ConfigProperty(name = "anc.nehr.base-url")
    String nehr;

    private final String admin = TestInternalIssuer.get().staffToken("ops-1", "Tnl7qgZh7zL", "ADMIN");

    @BeforeEach
    void watermarkAtNow() throws Exception {
        // The stand-in's test database keeps other runs' entities: start detection at this test's own changes.
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO watermark (program,"
                + " updated_at, changed_at) VALUES (?, ?, now()) ON CONFLICT (program) DO UPDATE SET updated_at = excluded.updated_at")) {
            ps.setString(1, PROGRAM);
            ps.setTimestamp(2, java.sql.Timestamp.from(Instant.now().minusSeconds(1)));
            ps.executeUpdate();
        }
    }

    @Test
    void changesFlowToTheNehrExactlyOnceAndDeletionsAreRetracted() {
        String te = uid();
        String visit = uid();
        String phn = "TEST" + (1_000_000 + new SecureRandom().nextInt(8_999_999));
        importToDhis2(mother(te, uid(), uid(), visit, phn, true));

        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200)
                .body("skipped", equalTo(false));
        awaitStatus(te, "SYNCED");

        assertThat(total("Patient?identifier=http://fhir.health.gov.lk/ips/identifier/phn|" + phn)).isEqualTo(1);
        assertThat(total("Encounter?identifier=" + EVENT_SYSTEM + "|" + visit)).isEqualTo(1);
        assertThat(total("Observation?code=http://loinc.org|85354-9&patient.identifier=http://fhir.health.gov.lk/ips/identifier/phn|" + phn))
                .isEqualTo(1);

        // Nothing changed: a new run publishes nothing (de-duplicated by uid + updatedAt within the overlap).
        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200)
                .body("published", equalTo(0));

        // Deleting the visit in DHIS2 retracts its Encounter and findings from the NEHR.
        given().auth().preemptive().basic(Dhis2StandinTestResource.USERNAME, Dhis2StandinTestResource.PASSWORD)
                .contentType(ContentType.JSON).body("{\"events\":[{\"event\":\"" + visit + "\"}]}")
                .post(dhis2 + "/api/tracker?async=false&importStrategy=DELETE").then().statusCode(200);
        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200)
                .body("published", equalTo(1));
        Await.until(() -> total("Encounter?identifier=" + EVENT_SYSTEM + "|" + visit) == 0, "visit retracted");
        assertThat(total("Patient?identifier=http://fhir.health.gov.lk/ips/identifier/phn|" + phn)).isEqualTo(1);

        given().auth().oauth2(admin).get("/api/sync/tracked-entities/" + te).then().statusCode(200)
                .body("status", equalTo("SYNCED")).body("attempts", equalTo(1));
    }

    @Test
    void aMalformedEntityIsDeadLetteredWithTheFieldAndTheRestKeepFlowing() {
        long deadBefore = broker.depth(broker.deadLetterQueue());
        String bad = uid();
        String good = uid();
        importToDhis2(mother(bad, uid(), uid(), uid(), null, false));
        importToDhis2(mother(good, uid(), uid(), uid(), "TEST" + (1_000_000 + new SecureRandom().nextInt(8_999_999)), true));
        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200);
        awaitStatus(good, "SYNCED");
        awaitStatus(bad, "FAILED");
        given().auth().oauth2(admin).get("/api/sync/tracked-entities/" + bad).then()
                .body("lastError", org.hamcrest.Matchers.containsString("attributes[IrUmPkFMDU5]"));
        Await.until(() -> broker.depth(broker.deadLetterQueue()) > deadBefore, "dead letter");
    }

    @Test
    void theOperatorsMetricsMoveWithTheWork() {
        double ok = metric("sync_bundles_total", "outcome=\"ok\"");
        double dead = metric("sync_bundles_total", "outcome=\"dead_lettered\"");
        // Timers tagged by answer appear with the first such answer: absent counts as zero.
        double posts = metric("sync_fhir_request_seconds_count", "operation=\"transaction\"", "status=\"200\"");
        posts = Double.isNaN(posts) ? 0 : posts;
        String good = uid();
        String bad = uid();
        importToDhis2(mother(good, uid(), uid(), uid(), "TEST" + (1_000_000 + new SecureRandom().nextInt(8_999_999)), true));
        importToDhis2(mother(bad, uid(), uid(), uid(), null, true));
        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200);
        awaitStatus(good, "SYNCED");
        awaitStatus(bad, "FAILED");

        assertThat(metric("sync_bundles_total", "outcome=\"ok\"")).isGreaterThanOrEqualTo(ok + 1);
        assertThat(metric("sync_bundles_total", "outcome=\"dead_lettered\"")).isGreaterThanOrEqualTo(dead + 1);
        assertThat(metric("sync_fhir_request_seconds_count", "operation=\"transaction\"", "status=\"200\""))
                .isGreaterThanOrEqualTo(posts + 1);
        Await.until(() -> metric("sync_dlq_depth", "queue=\"" + broker.deadLetterQueue() + "\"") >= 1, "DLQ depth gauge");
    }

    @Test
    void theLagGaugeFollowsACompletedDetectionRun() throws Exception {
        given().auth().oauth2(admin).post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(200)
                .body("skipped", equalTo(false));
        Instant changedAt = changedAt();
        assertThat(changedAt).as("the run touched the watermark row").isAfter(Instant.now().minusSeconds(60));
        Await.until(() -> metric("sync_lag_seconds", "program=\"" + PROGRAM + "\"") < 30,
                () -> "sync_lag_seconds below 30 s after a completed run; last scraped "
                        + metric("sync_lag_seconds", "program=\"" + PROGRAM + "\"") + ", watermark row changed_at " + changedAtOrError());
    }

    private Instant changedAt() throws java.sql.SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT changed_at FROM watermark WHERE program = ?")) {
            ps.setString(1, PROGRAM);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : Instant.EPOCH;
            }
        }
    }

    private String changedAtOrError() {
        try {
            return changedAt().toString();
        } catch (java.sql.SQLException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** A sample of /q/metrics (Prometheus text) with all the given labels; NaN when absent. */
    private static double metric(String name, String... labels) {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    @Test
    void operatorEndpointsNeedAnAdminToken() {
        given().post("/api/sync/programs/" + PROGRAM + "/run").then().statusCode(401);
        String phm = TestInternalIssuer.get().staffToken("phm-1", "Tnl7qgZh7zL", "PHM");
        given().auth().oauth2(phm).get("/api/sync/tracked-entities").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/dhis2/connection").then().statusCode(200)
                .body("serverTimeZoneId", equalTo("Asia/Colombo")).body("version", equalTo("2.41.3"));
        given().auth().oauth2(admin).get("/api/dhis2/programs").then().statusCode(200).body("[0].id", equalTo(PROGRAM));
        given().contentType(ContentType.JSON).body("{}").post("/api/sync/webhook").then().statusCode(401)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    }

    @Test
    void aPhmRecordsAVisitThatBecomesADhis2EventInServerTime() {
        String te = uid();
        String en = uid();
        importToDhis2(mother(te, en, uid(), uid(), "TEST" + (1_000_000 + new SecureRandom().nextInt(8_999_999)), true));
        String phm = TestInternalIssuer.get().staffToken("phm-1", "Tnl7qgZh7zL", "PHM");
        String event = given().auth().oauth2(phm).contentType(ContentType.JSON).body("""
                {"trackedEntity": "%s", "enrollment": "%s", "occurredAt": "2026-03-05T04:30:00Z",
                 "dataValues": [{"dataElement": "Y3xF4qecAVw", "value": "118"}, {"dataElement": "QMCuOLLRHHD", "value": "76"}]}
                """.formatted(te, en)).post("/api/visits").then().statusCode(201).extract().path("event");
        given().auth().preemptive().basic(Dhis2StandinTestResource.USERNAME, Dhis2StandinTestResource.PASSWORD)
                .get(dhis2 + "/api/tracker/events?program=" + PROGRAM + "&trackedEntity=" + te + "&programStage=GX0z9IXFaso")
                .then().statusCode(200)
                .body("events.find { it.event == '" + event + "' }.occurredAt", equalTo("2026-03-05T10:00:00.000"))
                .body("events.find { it.event == '" + event + "' }.orgUnit", equalTo("Tnl7qgZh7zL"));

        given().auth().oauth2(phm).contentType(ContentType.JSON).body("""
                {"trackedEntity": "%s", "enrollment": "%s", "occurredAt": "2026-03-05T04:30:00Z",
                 "dataValues": [{"dataElement": "NoSuchDE001", "value": "1"}]}
                """.formatted(te, en)).post("/api/visits").then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("E1305"));
        given().auth().oauth2(phm).contentType(ContentType.JSON).body("{\"trackedEntity\": \"" + te + "\"}")
                .post("/api/visits").then().statusCode(400).body("violations.field", org.hamcrest.Matchers.hasItem("enrollment"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").post("/api/visits").then().statusCode(403);
    }

    private void importToDhis2(String payload) {
        given().auth().preemptive().basic(Dhis2StandinTestResource.USERNAME, Dhis2StandinTestResource.PASSWORD)
                .contentType(ContentType.JSON).body(payload).post(dhis2 + "/api/tracker?async=false").then().statusCode(200);
    }

    private int total(String query) {
        Response r = given().accept("application/fhir+json").get(nehr + "/" + query + "&_summary=count");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getInt("total");
    }

    private void awaitStatus(String te, String status) {
        Await.until(() -> status.equals(given().auth().oauth2(admin).get("/api/sync/tracked-entities/" + te).jsonPath()
                .getString("status")), te + " " + status);
    }

    static String uid() {
        String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("E");
        for (int i = 0; i < 10; i++) {
            sb.append(alnum.charAt(r.nextInt(alnum.length())));
        }
        return sb.toString();
    }

    static String mother(String te, String en, String registration, String visit, String phn, boolean completed) {
        String phnAttribute = phn == null ? "" : "{\"attribute\": \"IrUmPkFMDU5\", \"value\": \"" + phn + "\"},";
        return """
                {"trackedEntities": [{
                  "trackedEntity": "%s", "trackedEntityType": "MxdEsVAegt5", "orgUnit": "Tnl7qgZh7zL",
                  "attributes": [%s
                    {"attribute": "VQl0wK3eqiw", "value": "Dilani Jayasuriya"},
                    {"attribute": "Yie7mOY913J", "value": "1993-02-11"}],
                  "enrollments": [{
                    "enrollment": "%s", "program": "eozjj9UivfS", "orgUnit": "Tnl7qgZh7zL", "status": "ACTIVE",
                    "enrolledAt": "2026-01-10T09:30:00.000",
                    "attributes": [{"attribute": "p7zizFkC6Lv", "value": "Female"}],
                    "events": [
                      {"event": "%s", "programStage": "LWJcStrI6kM", "orgUnit": "Tnl7qgZh7zL", "status": "COMPLETED",
                       "occurredAt": "2026-01-10T09:30:00.000",
                       "dataValues": [{"dataElement": "D5khklwbOPt", "value": "false"}, {"dataElement": "TRkCMVFhrmr", "value": "2"}]},
                      {"event": "%s", "programStage": "GX0z9IXFaso", "orgUnit": "Tnl7qgZh7zL", "status": "%s",
                       "occurredAt": "2026-02-07T10:00:00.000",
                       "dataValues": [{"dataElement": "Y3xF4qecAVw", "value": "142"}, {"dataElement": "QMCuOLLRHHD", "value": "92"},
                                      {"dataElement": "p7yWXAO6ag7", "value": "true"}]}
                    ]}]}]}
                """.formatted(te, phnAttribute, en, registration, visit, completed ? "COMPLETED" : "COMPLETED");
    }
}
