package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Staff sign-in end to end against the eSignet stand-in, then sessions and internal tokens. */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class StaffSignInFlowTest {

    @Test
    void phmBoundByNationalIdHashGetsSessionAndInternalToken() throws Exception {
        Browser.Page portal = FlowDriver.staffSignIn(new Browser(), FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL + "signed-in?code=");
        JsonPath session = FlowDriver.exchange(portal.locationParam("code"));
        assertThat(session.getList("roles")).containsExactly("PHM");
        assertThat(session.getString("facility")).isEqualTo("DiszpKrYNg8");

        JwtClaims claims = verifyInternal(session.getString("accessToken"));
        assertThat(claims.getSubject()).isEqualTo("0b9c7a52-3f1e-4c51-9a57-1d2e3f4a5b01");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("PHM");
        assertThat(claims.getStringClaimValue("facility")).isEqualTo("DiszpKrYNg8");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(300);

        FlowDriver.portal().body(Map.of("code", portal.locationParam("code"))).post("/api/v1/sessions")
                .then().statusCode(400).body("status", equalTo(400));
        String sessionId = session.getString("sessionId");
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(200);
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/logout").then().statusCode(204);
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(401);
    }

    @Test
    void unknownPersonSeesNotEnrolledAndCanBindWithEnrolmentCode() {
        Browser browser = new Browser();
        Browser.Page page = FlowDriver.staffSignIn(browser, FlowDriver.DOCTOR_RUWAN, List.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("You are not enrolled");
        Browser.Page wrong = browser.submit(page, "/signin/staff/enrol", Map.of("code", "WRONG-CODE"));
        assertThat(wrong.body()).contains("not valid");
        Browser.Page portal = browser.follow(browser.submit(wrong, "/signin/staff/enrol", Map.of("code", "doct 2026 ab")), FlowDriver.AT_PORTAL);
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL);
        assertThat(FlowDriver.exchange(portal.locationParam("code")).getList("roles")).containsExactly("DOCTOR");

        Browser.Page again = FlowDriver.staffSignIn(new Browser(), FlowDriver.DOCTOR_RUWAN, List.of());
        assertThat(again.location()).as("bound at first sign-in").startsWith(FlowDriver.PORTAL);
    }

    @Test
    void internalIssuerPublishesDiscoveryAndJwksAndAdminApiAcceptsItsTokens() throws Exception {
        String issuer = FlowDriver.identity() + "/internal";
        given().get("/internal/.well-known/openid-configuration").then().statusCode(200)
                .body("issuer", equalTo(issuer)).body("jwks_uri", equalTo(issuer + "/jwks"));
        JsonPath admin = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id"));
        String token = admin.getString("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Midwife Test", "role", "PHM", "facility", "DiszpKrYNg8"))
                .post("/api/v1/staff").then().statusCode(201).body("bound", equalTo(false));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", "", "role", "PHM", "facility", "x"))
                .post("/api/v1/staff").then().statusCode(400);
        given().get("/api/v1/staff").then().statusCode(401);
        JsonPath phm = FlowDriver.staffSession(FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        given().auth().oauth2(phm.getString("accessToken")).get("/api/v1/staff").then().statusCode(403);
    }

    private static JwtClaims verifyInternal(String token) throws Exception {
        String issuer = FlowDriver.identity() + "/internal";
        return new JwtConsumerBuilder().setExpectedIssuer(issuer).setExpectedAudience("anc-connect")
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(issuer + "/jwks")))
                .build().processToClaims(token);
    }
}
