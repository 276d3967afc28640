package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.junit.jupiter.api.Test;

/**
 * The session back channel accepts only the portal's client credential. A code or session id presented without it
 * (or with a wrong one) is treated as leaked: the code is burnt and the session revoked, the refusal audited.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class PortalClientAuthTest {

    private static String freshCode() {
        Browser.Page portal = FlowDriver.staffSignIn(new Browser(), FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL);
        return portal.locationParam("code");
    }

    private static void assertChallenged(RequestSpecification request, String path, Map<String, String> body) {
        request.contentType(ContentType.JSON).body(body).post(path).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Basic "))
                .body("status", equalTo(401)).body("type", equalTo("https://ancconnect.org/problems/client-authentication"));
    }

    @Test
    void codeExchangeWithoutOrWithWrongCredentialIsRefusedAndBurnsTheCode() {
        long audited = TestDb.auditOutcomes("rejected:client_auth");
        long sessions = TestDb.count("user_session");

        String missing = freshCode();
        assertChallenged(given(), "/api/v1/sessions", Map.of("code", missing));
        FlowDriver.portal().body(Map.of("code", missing)).post("/api/v1/sessions").then().statusCode(400);

        String wrongSecret = freshCode();
        assertChallenged(given().auth().preemptive().basic(FlowDriver.PORTAL_CLIENT_ID, "guessed"), "/api/v1/sessions",
                Map.of("code", wrongSecret));
        FlowDriver.portal().body(Map.of("code", wrongSecret)).post("/api/v1/sessions").then().statusCode(400);

        String wrongClient = freshCode();
        assertChallenged(given().auth().preemptive().basic("other", FlowDriver.PORTAL_CLIENT_SECRET), "/api/v1/sessions",
                Map.of("code", wrongClient));
        assertChallenged(given().header("Authorization", "Bearer " + wrongClient), "/api/v1/sessions", Map.of("code", wrongClient));

        assertThat(TestDb.count("user_session")).as("no session was created").isEqualTo(sessions);
        assertThat(TestDb.auditOutcomes("rejected:client_auth")).isEqualTo(audited + 4);
        assertThat(FlowDriver.exchange(freshCode()).getString("sessionId")).as("the real portal still works").isNotBlank();
    }

    @Test
    void refreshAndLogoutWithoutTheCredentialAreRefusedAndEndTheSession() {
        String sessionId = FlowDriver.exchange(freshCode()).getString("sessionId");
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(200);
        assertChallenged(given().auth().preemptive().basic(FlowDriver.PORTAL_CLIENT_ID, "guessed"), "/api/v1/sessions/token",
                Map.of("sessionId", sessionId));
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(401)
                .body("type", equalTo("https://ancconnect.org/problems/session-ended"));

        String other = FlowDriver.exchange(freshCode()).getString("sessionId");
        assertChallenged(given(), "/api/v1/sessions/logout", Map.of("sessionId", other));
        FlowDriver.portal().body(Map.of("sessionId", other)).post("/api/v1/sessions/token").then().statusCode(401);
    }
}
