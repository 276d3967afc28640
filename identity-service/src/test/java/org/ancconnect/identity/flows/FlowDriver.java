package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.eclipse.microprofile.config.ConfigProvider;

/** Drives identity-service's flows through the real redirects and the stand-in's forms, as a browser would. */
final class FlowDriver {

    static final String PORTAL = "http://portal.test.invalid/";
    static final Predicate<URI> AT_PORTAL = uri -> "portal.test.invalid".equals(uri.getHost());

    /** Seed identities (infra/esignet-standin seed): staff bound by national ID, by code, admin, and two mothers. */
    static final String PHM_NADEESHA = "8103746529";
    static final String DOCTOR_RUWAN = "4592817360";
    static final String ADMIN_ISHARA = "6037182945";
    static final String MOTHER_KUMARI = "5724385027";
    static final String MOTHER_THARANI = "7462019385";

    private FlowDriver() {
    }

    static String identity() {
        return ConfigProvider.getConfig().getValue("identity.public-url", String.class);
    }

    /** Opens {@code path} on identity-service and follows redirects to the stand-in's ID page. */
    static Browser.Page openAt(Browser browser, String path) {
        return browser.open(identity() + path, AT_PORTAL);
    }

    /** ID + OTP pages; returns the consent page (or the next redirect when consent is remembered). */
    static Browser.Page authenticate(Browser browser, Browser.Page idPage, String individualId) {
        assertThat(idPage.status()).as(idPage.body()).isEqualTo(200);
        Browser.Page otp = browser.submit(idPage, "/authorize/identify", Map.of("individualId", individualId, "action", "next"));
        return browser.submit(otp, "/authorize/otp", Map.of("otp", EsignetStandin.FIXED_OTP, "action", "verify"));
    }

    /** Allows on the consent page (eSignet skips it when consent was given before) and follows back until the portal. */
    static Browser.Page consent(Browser browser, Browser.Page consentPage, List<String> voluntary) {
        if (consentPage.isRedirect()) {
            return browser.follow(consentPage, AT_PORTAL);
        }
        Browser.Page back = browser.submit(consentPage, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", voluntary));
        return browser.follow(back, AT_PORTAL);
    }

    /** Whole staff sign-in; the final redirect to the portal. */
    static Browser.Page staffSignIn(Browser browser, String individualId, List<String> voluntary) {
        Browser.Page id = openAt(browser, "/signin/staff?return=" + enc(PORTAL + "signed-in"));
        return consent(browser, authenticate(browser, id, individualId), voluntary);
    }

    /** The portal's client credential as the test profile configures it. */
    static final String PORTAL_CLIENT_ID = "portal";
    static final String PORTAL_CLIENT_SECRET = "test-only-portal-client-secret";

    /** A back-channel request as the portal sends it (HTTP Basic client credential, JSON). */
    static RequestSpecification portal() {
        return given().auth().preemptive().basic(PORTAL_CLIENT_ID, PORTAL_CLIENT_SECRET).contentType(ContentType.JSON);
    }

    /** Exchanges the one-time code on the back channel. */
    static JsonPath exchange(String code) {
        return portal().body(Map.of("code", code)).post("/api/v1/sessions").then().statusCode(201).extract().jsonPath();
    }

    /** A signed-in staff session (access token etc.). */
    static JsonPath staffSession(String individualId, List<String> voluntary) {
        Browser.Page portal = staffSignIn(new Browser(), individualId, voluntary);
        assertThat(portal.location()).as(portal.body()).startsWith(PORTAL);
        return exchange(portal.locationParam("code"));
    }

    /** A verification request created over the back channel by a staff member (201: id, verificationUrl, expiresAt). */
    static JsonPath requestVerification(String staffToken, String returnUrl) {
        return given().auth().oauth2(staffToken).contentType(ContentType.JSON)
                .body(Map.of("purpose", "ANC registration", "returnUrl", returnUrl)).post("/api/v1/verifications")
                .then().statusCode(201).extract().jsonPath();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
