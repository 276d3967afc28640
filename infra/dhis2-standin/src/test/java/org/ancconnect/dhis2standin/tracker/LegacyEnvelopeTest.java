package org.ancconnect.dhis2standin.tracker;

import static org.ancconnect.dhis2standin.Payloads.admin;
import static org.ancconnect.dhis2standin.Payloads.mother;
import static org.ancconnect.dhis2standin.Payloads.uid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stand-in configured as DHIS2 2.40 answers with the "instances" envelope and flat paging fields. */
@QuarkusTest
@TestProfile(LegacyEnvelopeTest.Dhis240.class)
class LegacyEnvelopeTest {

    public static class Dhis240 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("standin.version", "2.40.5", "standin.server-time-zone", "UTC");
        }
    }

    @Test
    void instancesEnvelope() {
        String te = uid();
        admin().contentType(ContentType.JSON).body(mother(te, uid(), uid(), uid(), "118")).post("/api/tracker?async=false")
                .then().statusCode(200);
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnit=Tnl7qgZh7zL&ouMode=SELECTED&trackedEntity=" + te
                + "&totalPages=true").then().statusCode(200)
                .body("instances", hasSize(1)).body("page", equalTo(1)).body("total", equalTo(1))
                .body("pager", nullValue()).body("trackedEntities", nullValue());
        // The zone-less 09:30 of the payload is read in this server's zone (UTC) and returned unchanged.
        admin().get("/api/tracker/trackedEntities/" + te + "?fields=enrollments[enrolledAt]").then()
                .body("enrollments[0].enrolledAt", equalTo("2025-01-10T09:30:00.000"));
    }
}
