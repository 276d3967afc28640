package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.junit.jupiter.api.Test;

/**
 * The patient cancels at eSignet ({@code error=access_denied}): in her own sign-in and in a verification a midwife
 * started. The portal hears {@code ?error=access_denied}; no code, session or verification record is created, and the
 * midwife's session is untouched. (Same test resources as {@link PatientFlowsTest}, so the application is shared.)
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
@QuarkusTestResource(PhnStub.class)
class AccessDeniedFlowTest {

    private static final String RETURN = FlowDriver.PORTAL + "registration";

    @Test
    void patientCancellingHerSignInReturnsAccessDeniedWithoutASession() {
        long grants = TestDb.grants();
        Browser browser = new Browser();
        Browser.Page id = FlowDriver.openAt(browser, "/signin/patient?return=" + FlowDriver.enc(FlowDriver.PORTAL + "me"));
        Browser.Page otp = browser.submit(id, "/authorize/identify", Map.of("individualId", FlowDriver.MOTHER_KUMARI, "action", "next"));
        Browser.Page end = browser.follow(browser.submit(otp, "/authorize/otp", Map.of("otp", "", "action", "cancel")), FlowDriver.AT_PORTAL);
        assertThat(end.location()).isEqualTo(FlowDriver.PORTAL + "me?error=access_denied");
        assertThat(TestDb.grants()).isEqualTo(grants);
    }

    @Test
    void patientDecliningConsentInAVerificationReturnsAccessDeniedAndNoRecord() {
        Browser browser = new Browser();
        Browser.Page signedIn = FlowDriver.staffSignIn(browser, FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        JsonPath staff = FlowDriver.exchange(signedIn.locationParam("code"));
        String staffToken = staff.getString("accessToken");
        String id = FlowDriver.requestVerification(staffToken, RETURN).getString("id");
        String verificationUrl = FlowDriver.identity() + "/verify/start?request=" + id;
        long grants = TestDb.grants();
        long denied = TestDb.auditOutcomes("access_denied");

        Browser.Page consent = FlowDriver.authenticate(browser, browser.open(verificationUrl, FlowDriver.AT_PORTAL), FlowDriver.MOTHER_KUMARI);
        assertThat(consent.body()).as("prompt=consent always shows the consent page").contains("birthdate");
        Browser.Page back = browser.follow(browser.submit(consent, "/authorize/consent", Map.of("action", "cancel")), FlowDriver.AT_PORTAL);

        assertThat(back.location()).isEqualTo(RETURN + "?verification=" + id + "&error=access_denied");
        assertThat(TestDb.grants()).isEqualTo(grants);
        assertThat(TestDb.auditOutcomes("access_denied")).isEqualTo(denied + 1);
        given().auth().oauth2(staffToken).get("/api/v1/verifications/" + id).then().statusCode(409)
                .body("type", equalTo("https://ancconnect.org/problems/verification-denied"));
        FlowDriver.portal().body(Map.of("sessionId", staff.getString("sessionId"))).post("/api/v1/sessions/token")
                .then().statusCode(200).body("subject", equalTo(staff.getString("subject")));
        Browser.Page again = browser.open(verificationUrl, FlowDriver.AT_PORTAL);
        assertThat(again.status()).as("a cancelled verification cannot be resumed").isEqualTo(403);
    }
}
