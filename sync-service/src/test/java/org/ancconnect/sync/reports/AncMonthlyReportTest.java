package org.ancconnect.sync.reports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.security.SecureRandom;
import org.ancconnect.sync.Await;
import org.ancconnect.testsupport.dhis2.Dhis2StandinTestResource;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A month of visits entered in the DHIS2 stand-in, synced to the real HAPI JPA server, counted back from the
 * NEHR and posted to the stand-in's aggregate data set: preview, push, idempotent re-push, and a conflict per
 * value: the test profile binds the referral indicator to a data element the data set does not have
 * ({@code %test.sync.reports.referrals} in application.properties; one configuration for every test class spares
 * a second Quarkus start).
 */
@QuarkusTest
@QuarkusTestResource(Dhis2StandinTestResource.class)
@QuarkusTestResource(FhirServerTestResource.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class AncMonthlyReportTest {

    private static final String FACILITY = "Tnl7qgZh7zL";
    private final String admin = TestInternalIssuer.get().staffToken("ops-1", FACILITY, "ADMIN");

    @ConfigProperty(name = "sync.dhis2.base-url")
    String dhis2;

    @Test
    void indicatorsAreCountedFromTheNehrPreviewedPushedOnceAndConflictsReportedPerValue() {
        SecureRandom random = new SecureRandom();
        int year = 2001 + random.nextInt(19);
        int month = 1 + random.nextInt(12);
        String ym = "%d-%02d".formatted(year, month);
        String period = "%d%02d".formatted(year, month);
        String body = "{\"period\": \"" + period + "\", \"orgUnit\": \"" + FACILITY + "\"%s}";
        // The NEHR test store is kept between runs and benchmarks may have generated visits in any month: count this
        // test's visits on top of what the month already holds.
        io.restassured.path.json.JsonPath before = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(body.formatted("")).post("/api/reports/anc-monthly").then().statusCode(200).extract().jsonPath();
        String te = uid(random);
        String phn = "RPT" + (10_000_000 + random.nextInt(89_999_999));
        given().auth().preemptive().basic(Dhis2StandinTestResource.USERNAME, Dhis2StandinTestResource.PASSWORD)
                .contentType(ContentType.JSON).body("""
                {"trackedEntities": [{"trackedEntity": "%s", "trackedEntityType": "MxdEsVAegt5", "orgUnit": "%s",
                  "attributes": [{"attribute": "IrUmPkFMDU5", "value": "%s"}, {"attribute": "VQl0wK3eqiw", "value": "Nadeeka Fernando"},
                                 {"attribute": "Yie7mOY913J", "value": "1990-07-01"}],
                  "enrollments": [{"enrollment": "%s", "program": "eozjj9UivfS", "orgUnit": "%s", "status": "ACTIVE",
                    "enrolledAt": "%s-03T09:00:00.000", "attributes": [{"attribute": "p7zizFkC6Lv", "value": "Female"}],
                    "events": [
                      {"event": "%s", "programStage": "LWJcStrI6kM", "orgUnit": "%s", "status": "COMPLETED", "occurredAt": "%s-03T09:00:00.000",
                       "dataValues": [{"dataElement": "TRkCMVFhrmr", "value": "1"}]},
                      {"event": "%s", "programStage": "GX0z9IXFaso", "orgUnit": "%s", "status": "COMPLETED", "occurredAt": "%s-10T09:00:00.000",
                       "dataValues": [{"dataElement": "Y3xF4qecAVw", "value": "118"}, {"dataElement": "QMCuOLLRHHD", "value": "92"}]},
                      {"event": "%s", "programStage": "GX0z9IXFaso", "orgUnit": "%s", "status": "COMPLETED", "occurredAt": "%s-17T09:00:00.000",
                       "dataValues": [{"dataElement": "Y3xF4qecAVw", "value": "124"}, {"dataElement": "QMCuOLLRHHD", "value": "78"}]},
                      {"event": "%s", "programStage": "aQYZkIhWzeJ", "orgUnit": "%s", "status": "COMPLETED", "occurredAt": "%s-18T09:00:00.000",
                       "dataValues": []}
                    ]}]}]}
                """.formatted(te, FACILITY, phn, uid(random), FACILITY, ym, uid(random), FACILITY, ym, uid(random), FACILITY, ym,
                        uid(random), FACILITY, ym, uid(random), FACILITY, ym))
                .post(dhis2 + "/api/tracker?async=false").then().statusCode(200);
        given().auth().oauth2(admin).post("/api/sync/tracked-entities/" + te + "/resync").then().statusCode(200);
        Await.until(() -> "SYNCED".equals(given().auth().oauth2(admin).get("/api/sync/tracked-entities/" + te).jsonPath()
                .getString("status")), te + " synced");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body.formatted(""))
                .post("/api/reports/anc-monthly").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("indicators.firstVisits", equalTo(before.getInt("indicators.firstVisits") + 1))
                .body("indicators.visits", equalTo(before.getInt("indicators.visits") + 3))
                .body("indicators.highBloodPressure", equalTo(before.getInt("indicators.highBloodPressure") + 1))
                .body("indicators.referrals", equalTo(before.getInt("indicators.referrals") + 1))
                .body("importCount.imported", equalTo(before.getInt("importCount.imported")))
                .body("conflicts", hasSize(1)).body("conflicts[0].dataElement", equalTo("NoSuchDE001"))
                .body("conflicts[0].errorCode", equalTo("E7610"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body.formatted(", \"dryRun\": false"))
                .post("/api/reports/anc-monthly").then().statusCode(200)
                .body("importCount.imported", equalTo(before.getInt("importCount.imported")))
                .body("importCount.updated", equalTo(3 - before.getInt("importCount.imported")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body.formatted(", \"dryRun\": false"))
                .post("/api/reports/anc-monthly").then().statusCode(200)
                .body("importCount.imported", equalTo(0)).body("importCount.updated", equalTo(0))
                .body("importCount.ignored", equalTo(4)).body("conflicts", hasSize(1));
    }

    @Test
    void badRequestsNameTheFieldAndOnlyAdminsReport() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"period\": \"2026-03\", \"orgUnit\": \"" + FACILITY + "\"}")
                .post("/api/reports/anc-monthly").then().statusCode(400).body("violations.field", hasItem("period"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"period\": \"202603\", \"orgUnit\": \"NoFacility1\"}")
                .post("/api/reports/anc-monthly").then().statusCode(400).body("violations.field", hasItem("orgUnit"));
        String phm = TestInternalIssuer.get().staffToken("phm-1", FACILITY, "PHM");
        given().auth().oauth2(phm).contentType(ContentType.JSON).body("{\"period\": \"202603\", \"orgUnit\": \"" + FACILITY + "\"}")
                .post("/api/reports/anc-monthly").then().statusCode(403);
    }

    private static String uid(SecureRandom r) {
        String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("R");
        for (int i = 0; i < 10; i++) {
            sb.append(alnum.charAt(r.nextInt(alnum.length())));
        }
        return sb.toString();
    }
}
