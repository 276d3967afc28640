package org.ancconnect.dhis2standin.tracker;

import static org.ancconnect.dhis2standin.Payloads.admin;
import static org.ancconnect.dhis2standin.Payloads.mother;
import static org.ancconnect.dhis2standin.Payloads.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrackerImportExportTest {

    private static final String ZONELESS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

    @Test
    void nestedImportIsReportedAndExportedWithZonelessServerTimestamps() {
        String te = uid();
        String en = uid();
        String reg = uid();
        String visit = uid();
        admin().contentType(ContentType.JSON).body(mother(te, en, reg, visit, "120"))
                .post("/api/tracker?async=false").then().statusCode(200)
                .body("status", equalTo("OK"))
                .body("stats.created", equalTo(4))
                .body("bundleReport.typeReportMap.EVENT.objectReports.uid", hasItem(visit));

        admin().get("/api/tracker/trackedEntities/" + te + "?program=eozjj9UivfS&fields=*").then().statusCode(200)
                .body("trackedEntity", equalTo(te))
                .body("updatedAt", matchesPattern(ZONELESS))
                .body("attributes.attribute", hasItem("p7zizFkC6Lv"))
                .body("enrollments[0].enrolledAt", equalTo("2025-01-10T09:30:00.000"))
                .body("enrollments[0].attributes.attribute", hasItem("p7zizFkC6Lv"))
                .body("enrollments[0].events", hasSize(2))
                .body("enrollments[0].events.find { it.event == '" + visit + "' }.dataValues.find { it.dataElement == 'Y3xF4qecAVw' }.value",
                        equalTo("120"))
                .body("enrollments[0].events[0].createdBy.username", equalTo("admin"));

        // Default fields leave the nested collections out, as DHIS2 does.
        admin().get("/api/tracker/trackedEntities/" + te).then().statusCode(200).body("enrollments", nullValue());
    }

    @Test
    void invalidPayloadIsRejectedWhole() {
        String te = uid();
        String payload = mother(te, uid(), uid(), uid(), "120").replace("\"QMCuOLLRHHD\", \"value\": \"85\"",
                "\"NoSuchDE001\", \"value\": \"85\"");
        admin().contentType(ContentType.JSON).body(payload).post("/api/tracker?async=false").then().statusCode(409)
                .body("status", equalTo("ERROR"))
                .body("validationReport.errorReports[0].errorCode", equalTo("E1305"))
                .body("validationReport.errorReports[0].trackerType", equalTo("EVENT"));
        admin().get("/api/tracker/trackedEntities/" + te).then().statusCode(404).body("httpStatusCode", equalTo(404));

        String badValue = mother(uid(), uid(), uid(), uid(), "high");
        admin().contentType(ContentType.JSON).body(badValue).post("/api/tracker?async=false").then().statusCode(409)
                .body("validationReport.errorReports[0].errorCode", equalTo("E1302"));
    }

    @Test
    void eventChangesBumpTheTrackedEntityAndDeletesShowOnlyWithIncludeDeleted() throws Exception {
        String te = uid();
        String en = uid();
        String visit = uid();
        admin().contentType(ContentType.JSON).body(mother(te, en, uid(), visit, "120")).post("/api/tracker?async=false")
                .then().statusCode(200);
        String before = admin().get("/api/tracker/trackedEntities/" + te).then().extract().path("updatedAt");
        Thread.sleep(5);
        admin().contentType(ContentType.JSON).body("{\"events\":[{\"event\":\"" + visit + "\"}]}")
                .post("/api/tracker?async=false&importStrategy=DELETE").then().statusCode(200)
                .body("stats.deleted", equalTo(1));
        String after = admin().get("/api/tracker/trackedEntities/" + te).then().extract().path("updatedAt");
        assertThat(after).isGreaterThan(before);

        admin().get("/api/tracker/trackedEntities/" + te + "?fields=enrollments[events[event]]").then()
                .body("enrollments[0].events.event", not(hasItem(visit)));
        admin().get("/api/tracker/trackedEntities/" + te + "?fields=enrollments[events[event,deleted]]&includeDeleted=true")
                .then().body("enrollments[0].events.find { it.event == '" + visit + "' }.deleted", equalTo(true));

        // Updating a deleted event is refused.
        admin().contentType(ContentType.JSON).body("{\"events\":[{\"event\":\"" + visit + "\",\"enrollment\":\"" + en
                + "\",\"programStage\":\"GX0z9IXFaso\",\"orgUnit\":\"Tnl7qgZh7zL\",\"occurredAt\":\"2025-02-07\"}]}")
                .post("/api/tracker?async=false").then().statusCode(409)
                .body("validationReport.errorReports[0].errorCode", equalTo("E1114"));
    }

    @Test
    void listPagesInclusiveUpdatedAfterInOrderWithPager() {
        String since = admin().get("/api/system/info").then().extract().path("serverDate");
        List<String> uids = List.of(uid(), uid(), uid());
        for (String te : uids) {
            admin().contentType(ContentType.JSON).body(mother(te, uid(), uid(), uid(), "118"))
                    .post("/api/tracker?async=false").then().statusCode(200);
        }
        String first = admin().get("/api/tracker/trackedEntities/" + uids.get(0)).then().extract().path("updatedAt");
        List<String> page1 = admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnits=Tnl7qgZh7zL"
                + "&orgUnitMode=SELECTED&updatedAfter=" + first + "&order=updatedAt:asc&pageSize=2&page=1&totalPages=true")
                .then().statusCode(200)
                .body("pager.page", equalTo(1)).body("pager.pageSize", equalTo(2)).body("pager.total", equalTo(3))
                .body("pager.pageCount", equalTo(2))
                .extract().path("trackedEntities.trackedEntity");
        List<String> page2 = admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&ouMode=ACCESSIBLE"
                + "&updatedAfter=" + first + "&order=updatedAt:asc&pageSize=2&page=2").then().statusCode(200)
                .extract().path("trackedEntities.trackedEntity");
        assertThat(page1).hasSize(2);
        assertThat(page1.get(0)).isEqualTo(uids.get(0));
        assertThat(page2).containsExactly(uids.get(2));
        assertThat(since).matches(ZONELESS);
    }

    @Test
    void eventsEndpointAndParameterErrors() {
        String te = uid();
        admin().contentType(ContentType.JSON).body(mother(te, uid(), uid(), uid(), "118")).post("/api/tracker?async=false")
                .then().statusCode(200);
        admin().get("/api/tracker/events?program=eozjj9UivfS&programStage=GX0z9IXFaso&trackedEntity=" + te).then()
                .statusCode(200).body("events", hasSize(1)).body("pager.page", equalTo(1));
        admin().get("/api/tracker/trackedEntities").then().statusCode(400).body("status", equalTo("ERROR"));
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&order=colour:asc").then().statusCode(400);
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnits=NoSuchOU001").then().statusCode(400);
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnitMode=SELECTED").then().statusCode(400);
    }

    @Test
    void attributeFiltersFindAMotherByHerIdentifier() {
        String te = uid();
        String phn = "FLT" + uid().substring(1, 9);
        admin().contentType(ContentType.JSON).body(mother(te, uid(), uid(), uid(), "118").replace("TEST1234567", phn))
                .post("/api/tracker?async=false").then().statusCode(200);
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&orgUnitMode=ACCESSIBLE&filter=IrUmPkFMDU5:eq:"
                + phn.toLowerCase()).then().statusCode(200).body("trackedEntities.trackedEntity", equalTo(List.of(te)));
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&filter=IrUmPkFMDU5:eq:" + phn + "X").then()
                .statusCode(200).body("trackedEntities", hasSize(0));
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&filter=IrUmPkFMDU5:like:" + phn.substring(2, 8))
                .then().statusCode(200).body("trackedEntities.trackedEntity", hasItem(te));
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&filter=NoSuchAttr1:eq:x").then().statusCode(400);
        admin().get("/api/tracker/trackedEntities?program=eozjj9UivfS&filter=IrUmPkFMDU5:gt").then().statusCode(400);
    }

    @Test
    void generatorCreatesMothersInBulk() {
        admin().post("/api/standin/generate?trackedEntities=300&visits=4&seed=7").then().statusCode(200)
                .body("trackedEntities", equalTo(300));
    }
}
