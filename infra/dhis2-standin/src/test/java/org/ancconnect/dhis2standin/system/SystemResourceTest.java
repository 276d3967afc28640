package org.ancconnect.dhis2standin.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SystemResourceTest {

    @Test
    void systemInfoReportsVersionZoneAndSystemId() {
        given().auth().preemptive().basic("admin", "district").get("/api/system/info").then().statusCode(200)
                .body("version", equalTo("2.41.3"))
                .body("serverTimeZoneId", equalTo("Asia/Colombo"))
                .body("systemId", equalTo("eed3d451-4ff5-4193-b951-ffcc68954299"))
                .body("serverDate", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}"));
    }

    @Test
    void apiTokenActsAsItsUser() {
        given().header("Authorization", "ApiToken d2pat_ancconnectdevtoken000000000001").get("/api/me").then()
                .statusCode(200).body("username", equalTo("admin")).body("organisationUnits.id", hasItem("Tnl7qgZh7zL"));
    }

    @Test
    void wrongOrMissingCredentialsAre401WebMessages() {
        given().get("/api/me").then().statusCode(401).body("httpStatusCode", equalTo(401)).body("status", equalTo("ERROR"));
        given().auth().preemptive().basic("admin", "wrong").get("/api/me").then().statusCode(401);
        given().header("Authorization", "ApiToken d2pat_unknown").get("/api/system/info").then().statusCode(401);
    }

    @Test
    void usersAreFoundByUsernameWithTheirTelecom() {
        given().auth().preemptive().basic("admin", "district")
                .get("/api/users?filter=username:eq:phm.kamala&fields=id,username,firstName,surname,phoneNumber,email")
                .then().statusCode(200).body("users[0].id", equalTo("xE7jOejl9FI"))
                .body("users[0].phoneNumber", equalTo("+94771234561"));
        given().auth().preemptive().basic("admin", "district").get("/api/users?filter=username:eq:nobody").then()
                .statusCode(200).body("users", org.hamcrest.Matchers.empty());
    }

    @Test
    void programCarriesStagesDataElementsAndAttributes() {
        given().auth().preemptive().basic("phm.kamala", "district")
                .get("/api/programs/eozjj9UivfS?fields=id,name,programStages[id,programStageDataElements[dataElement[id,valueType]]],programTrackedEntityAttributes[trackedEntityAttribute[id]]")
                .then().statusCode(200)
                .body("name", equalTo("ANC Program"))
                .body("programStages.id", hasItem("GX0z9IXFaso"))
                .body("programStages.find { it.id == 'GX0z9IXFaso' }.programStageDataElements.dataElement.id", hasItem("Y3xF4qecAVw"))
                .body("programTrackedEntityAttributes.trackedEntityAttribute.id", hasItem("IrUmPkFMDU5"));
        given().auth().preemptive().basic("admin", "district").get("/api/programs").then().statusCode(200)
                .body("programs[0].id", equalTo("eozjj9UivfS")).body("programs[0].displayName", equalTo("ANC Program"));
    }
}
