package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.junit.jupiter.api.Test;

/**
 * An admin edits a staff member ({@code PUT /api/v1/staff/{id}}): the member's live session follows the new role and
 * facility; deactivation revokes it and refuses the next sign-in with a clear page and no session; reactivation lets
 * her back in.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class StaffAdminFlowTest {

    /** A seed identity no other test of this application binds. */
    private static final String FATHIMA = "3918274650";
    private static final String OTHER_FACILITY = "ImspTQPwCqd";

    private static JsonPath refresh(String sessionId, int status) {
        return FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(status)
                .extract().jsonPath();
    }

    private static Map<String, Object> update(String role, String facility, boolean active) {
        return Map.of("displayName", "Fathima Rizna Mohamed", "role", role, "facility", facility, "active", active);
    }

    private static String groupsOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void adminUpdatesDeactivatesAndReactivatesAStaffMember() {
        String admin = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id")).getString("accessToken");
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Fathima Mohamed", "role", "PHM", "facility", "DiszpKrYNg8", "nationalId", FATHIMA))
                .post("/api/v1/staff").then().statusCode(201).extract().path("id");
        String sessionId = FlowDriver.staffSession(FATHIMA, List.of("individual_id")).getString("sessionId");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update("DOCTOR", OTHER_FACILITY, true)).put("/api/v1/staff/" + id)
                .then().statusCode(200).body("role", equalTo("DOCTOR")).body("facility", equalTo(OTHER_FACILITY))
                .body("displayName", equalTo("Fathima Rizna Mohamed")).body("bound", equalTo(true)).body("active", equalTo(true));
        JsonPath refreshed = refresh(sessionId, 200);
        assertThat(refreshed.getList("roles")).containsExactly("DOCTOR");
        assertThat(refreshed.getString("facility")).isEqualTo(OTHER_FACILITY);
        assertThat(groupsOf(refreshed.getString("accessToken"))).contains("\"groups\":[\"DOCTOR\"]").contains(OTHER_FACILITY);

        long audited = TestDb.auditOutcomes("rejected:deactivated");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update("DOCTOR", OTHER_FACILITY, false)).put("/api/v1/staff/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        refresh(sessionId, 401);
        long grants = TestDb.grants();
        Browser.Page refused = FlowDriver.staffSignIn(new Browser(), FATHIMA, List.of("individual_id"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("data-reason=\"deactivated\"").contains("deactivated");
        assertThat(TestDb.grants()).as("no code, no session").isEqualTo(grants);
        assertThat(TestDb.auditOutcomes("rejected:deactivated")).isEqualTo(audited + 1);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update("PHM", OTHER_FACILITY, true)).put("/api/v1/staff/" + id)
                .then().statusCode(200).body("active", equalTo(true));
        assertThat(FlowDriver.staffSession(FATHIMA, List.of("individual_id")).getList("roles")).containsExactly("PHM");
        given().auth().oauth2(admin).get("/api/v1/staff").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void updateIsValidatedAndAdminOnly() {
        String admin = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id")).getString("accessToken");
        String nadeesha = "/api/v1/staff/0b9c7a52-3f1e-4c51-9a57-1d2e3f4a5b01";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Nadeesha Jayawardena", "role", "PHM", "facility", "not-a-uid", "active", true)).put(nadeesha)
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("facility"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"displayName\":\"X\",\"role\":\"NURSE\",\"facility\":\"DiszpKrYNg8\",\"active\":true}")
                .put(nadeesha).then().statusCode(400).body("violations.field", hasItem("role"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("displayName", "X", "role", "PHM", "facility", "DiszpKrYNg8"))
                .put(nadeesha).then().statusCode(400).body("violations.field", hasItem("active"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update("PHM", "DiszpKrYNg8", true)).put("/api/v1/staff/" + UUID.randomUUID())
                .then().statusCode(404);
        String phm = FlowDriver.staffSession(FlowDriver.PHM_NADEESHA, List.of("individual_id")).getString("accessToken");
        given().auth().oauth2(phm).contentType(ContentType.JSON).body(update("ADMIN", "DiszpKrYNg8", true)).put(nadeesha).then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/staff").then().body("find { it.id == '0b9c7a52-3f1e-4c51-9a57-1d2e3f4a5b01' }.role",
                equalTo("PHM"));
    }
}
