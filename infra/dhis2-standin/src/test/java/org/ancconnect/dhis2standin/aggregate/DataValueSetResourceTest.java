package org.ancconnect.dhis2standin.aggregate;

import static org.ancconnect.dhis2standin.Payloads.admin;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DataValueSetResourceTest {

    private static String set(String period, String value) {
        return """
                {"dataSet": "QX4ZTUbOt3a", "period": "%s", "orgUnit": "Tnl7qgZh7zL",
                 "dataValues": [{"dataElement": "hfdmMSPBgLG", "value": "%s"}, {"dataElement": "UOlfIjgN8X6", "value": "40"}]}
                """.formatted(period, value);
    }

    @Test
    void dryRunWritesNothingAndRepostIsIdempotent() {
        String period = (1900 + ThreadLocalRandom.current().nextInt(100)) + "0" + (1 + ThreadLocalRandom.current().nextInt(9));
        admin().contentType(ContentType.JSON).body(set(period, "12")).post("/api/dataValueSets?dryRun=true").then()
                .statusCode(200).body("response.importCount.imported", equalTo(2))
                .body("response.importOptions.dryRun", equalTo(true));
        admin().contentType(ContentType.JSON).body(set(period, "12")).post("/api/dataValueSets").then().statusCode(200)
                .body("status", equalTo("OK")).body("response.importCount.imported", equalTo(2));
        admin().contentType(ContentType.JSON).body(set(period, "12")).post("/api/dataValueSets").then().statusCode(200)
                .body("response.importCount.imported", equalTo(0)).body("response.importCount.ignored", equalTo(2));
        admin().contentType(ContentType.JSON).body(set(period, "13")).post("/api/dataValueSets").then().statusCode(200)
                .body("response.importCount.updated", equalTo(1)).body("response.importCount.ignored", equalTo(1));
    }

    @Test
    void conflictsAreReportedPerValue() {
        admin().contentType(ContentType.JSON).body(set("202401", "-3")).post("/api/dataValueSets").then().statusCode(409)
                .body("status", equalTo("WARNING"))
                .body("response.conflicts[0].errorCode", equalTo("E7619"))
                .body("response.conflicts[0].objects.dataElement", equalTo("hfdmMSPBgLG"))
                .body("response.conflicts[0].indexes[0]", equalTo(0));
    }
}
