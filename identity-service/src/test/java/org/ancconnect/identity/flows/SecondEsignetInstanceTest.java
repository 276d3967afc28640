package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.ancconnect.testsupport.esignet.EsignetTestResource.InjectEsignet;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The same build against a different eSignet deployment, changed by configuration alone: another stand-in process
 * with its own keys, issuer host, pairwise salt, supported ACRs, two claim locales (suffixed names) and a userinfo
 * without {@code aud} and with another identity-system issuer; its clients do not use PAR.
 */
@QuarkusTest
@TestProfile(SecondEsignetInstanceTest.SecondDeployment.class)
class SecondEsignetInstanceTest {

    /** Only the secondary stand-in: the primary one of the other test classes is not started for this profile. */
    public static class SecondDeployment implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EsignetTestResource.class, Map.of("variant", "secondary")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        /** This deployment's clients send plain authorize URLs: PAR is a configuration choice too. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("identity.esignet.pushed-authorization-requests", "false");
        }
    }

    @InjectEsignet
    EsignetStandin esignet;

    @Test
    void staffSignInAndVerificationWorkAgainstAnotherDeployment() {
        assertThat(esignet.issuer()).startsWith("http://localhost:");
        assertThat(ConfigProvider.getConfig().getValue("identity.esignet.issuer", String.class)).isEqualTo(esignet.issuer());

        Browser.Page authorize = new Browser().open(FlowDriver.identity() + "/signin/staff?return=" + FlowDriver.enc(FlowDriver.PORTAL),
                uri -> uri.getPath().endsWith("/authorize"));
        assertThat(authorize.location()).as("PAR switched off: parameters in the URL").contains("code_challenge=").contains("nonce=")
                .doesNotContain("request_uri=");

        Browser browser = new Browser();
        Browser.Page portal = FlowDriver.staffSignIn(browser, FlowDriver.PHM_NADEESHA, List.of("individual_id"));
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL);
        String staffToken = FlowDriver.exchange(portal.locationParam("code")).getString("accessToken");

        JsonPath created = FlowDriver.requestVerification(staffToken, FlowDriver.PORTAL + "registration");
        Browser.Page consent = FlowDriver.authenticate(browser, browser.open(created.getString("verificationUrl"), FlowDriver.AT_PORTAL),
                FlowDriver.MOTHER_KUMARI);
        assertThat(FlowDriver.consent(browser, consent, List.of()).location()).contains("verification=" + created.getString("id"));
        JsonPath record = given().auth().oauth2(staffToken).get("/api/v1/verifications/" + created.getString("id"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(record.getString("claims.name")).as("name#en preferred over name#si").isEqualTo("Kumari Perera");
        assertThat(record.getString("claims.sex")).isEqualTo("female");
        assertThat(record.getString("claims.birthDate")).isEqualTo("1995-04-12");
    }
}
