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
import java.util.UUID;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** Patient sign-in (PHN from phn-service) and patient verification during a staff session, end to end. */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
@QuarkusTestResource(PhnStub.class)
class PatientFlowsTest {

    private static final String RETURN = FlowDriver.PORTAL + "registration";

    @Test
    void patientSignInCarriesHerPhnFromPhnService() throws Exception {
        PhnStub.phns = List.of("LK01-482913-7");
        Browser browser = new Browser();
        Browser.Page id = FlowDriver.openAt(browser, "/signin/patient?return=" + FlowDriver.enc(FlowDriver.PORTAL + "me"));
        Browser.Page portal = FlowDriver.consent(browser, FlowDriver.authenticate(browser, id, FlowDriver.MOTHER_KUMARI), List.of());
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL + "me?code=");
        JsonPath session = FlowDriver.exchange(portal.locationParam("code"));
        assertThat(session.getList("roles")).containsExactly("PATIENT");
        assertThat(session.getString("phn")).isEqualTo("LK01-482913-7");
        assertThat(session.getString("subject")).isEqualTo(PhnStub.lastSub);
        JwtClaims claims = internalClaims(session.getString("accessToken"));
        assertThat(claims.getStringClaimValue("phn")).isEqualTo("LK01-482913-7");
        assertThat(internalClaims(PhnStub.lastAuthorization.substring("Bearer ".length())).getSubject()).isEqualTo("identity-service");
    }

    @Test
    void verificationDuringStaffSessionGivesRecordOnceToTheRequester() throws Exception {
        Browser browser = new Browser();
        Browser.Page signedIn = FlowDriver.staffSignIn(browser, FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        JsonPath staff = FlowDriver.exchange(signedIn.locationParam("code"));
        String staffToken = staff.getString("accessToken");

        JsonPath created = FlowDriver.requestVerification(staffToken, RETURN);
        String verificationId = created.getString("id");
        Browser.Page consent = FlowDriver.authenticate(browser, browser.open(created.getString("verificationUrl"), FlowDriver.AT_PORTAL),
                FlowDriver.MOTHER_KUMARI);
        assertThat(consent.body()).contains("birthdate").contains("phone_number");
        Browser.Page back = FlowDriver.consent(browser, consent, List.of("phone_number", "individual_id", "address"));
        assertThat(back.location()).isEqualTo(RETURN + "?verification=" + verificationId);

        JsonPath record = given().auth().oauth2(staffToken).get("/api/v1/verifications/" + verificationId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(record.getString("claims.name")).isEqualTo("Kumari Perera");
        assertThat(record.getString("claims.birthDate")).isEqualTo("1995-04-12");
        assertThat(record.getString("claims.sex")).isEqualTo("female");
        assertThat(record.getString("claims.phone")).isEqualTo("+94771234567");
        assertThat(record.getBoolean("claims.nationalIdPresent")).isTrue();
        assertThat(record.getString("claims.nationalIdHash")).hasSize(64).doesNotContain(FlowDriver.MOTHER_KUMARI);
        assertThat(record.getString("acr")).isEqualTo("mosip:idp:acr:generated-code");
        assertThat(record.getList("consent.claims", String.class)).contains("name", "birthdate", "gender", "phone_number", "individual_id");
        assertThat(record.getString("consent.purpose")).isEqualTo("ANC registration");
        assertThat(record.getString("esignetSub")).isEqualTo(record.getString("claims.sub"));
        given().auth().oauth2(staffToken).get("/api/v1/verifications/" + verificationId).then().statusCode(409);

        FlowDriver.portal().body(Map.of("sessionId", staff.getString("sessionId"))).post("/api/v1/sessions/token")
                .then().statusCode(200).body("subject", equalTo(staff.getString("subject")));
    }

    @Test
    void verificationRecordIsRefusedToAnotherStaffMemberAndWhenExpired() {
        JsonPath admin = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id"));
        given().auth().oauth2(admin.getString("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Second PHM", "role", "PHM", "facility", "DiszpKrYNg8", "nationalId", "2650938417"))
                .post("/api/v1/staff").then().statusCode(201);
        String first = FlowDriver.staffSession(FlowDriver.PHM_NADEESHA, List.of("individual_id")).getString("accessToken");
        String second = FlowDriver.staffSession("2650938417", List.of("individual_id")).getString("accessToken");

        String id = verify(first, FlowDriver.MOTHER_THARANI);
        long before = TestDb.count("audit_event");
        given().auth().oauth2(second).get("/api/v1/verifications/" + id).then().statusCode(403);
        assertThat(TestDb.count("audit_event")).isEqualTo(before + 1);
        given().auth().oauth2(first).get("/api/v1/verifications/" + id).then().statusCode(200);

        String expired = verify(first, FlowDriver.MOTHER_THARANI);
        TestDb.execute("update verification_request set expires_at = now() - interval '1 second' where id = ?", UUID.fromString(expired));
        given().auth().oauth2(first).get("/api/v1/verifications/" + expired).then().statusCode(410);
        given().auth().oauth2(first).get("/api/v1/verifications/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static String verify(String staffToken, String individualId) {
        JsonPath created = FlowDriver.requestVerification(staffToken, RETURN);
        Browser browser = new Browser();
        Browser.Page consent = FlowDriver.authenticate(browser, browser.open(created.getString("verificationUrl"), FlowDriver.AT_PORTAL),
                individualId);
        Browser.Page back = FlowDriver.consent(browser, consent, List.of());
        assertThat(back.location()).as(back.body()).contains("verification=" + created.getString("id"));
        return created.getString("id");
    }

    private static JwtClaims internalClaims(String token) throws Exception {
        String issuer = FlowDriver.identity() + "/internal";
        return new JwtConsumerBuilder().setExpectedIssuer(issuer).setExpectedAudience("anc-connect")
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(issuer + "/jwks")))
                .build().processToClaims(token);
    }
}
