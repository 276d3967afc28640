package org.ancconnect.esignet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.testsupport.esignet.Browser;
import org.junit.jupiter.api.Test;

/**
 * Pushed authorization requests as eSignet implements them: {@code private_key_jwt} client authentication (audience the
 * PAR endpoint, the token endpoint or the issuer, RFC 9126 section 2), a {@code request_uri} with eSignet's prefix,
 * single use, and expiry ({@code esignet.par-lifetime}, 8 s in this test profile: long enough that a loaded CI machine still uses a fresh request_uri in time).
 */
@QuarkusTest
class ParProtocolTest {

    private static final String PAR = "/v1/esignet/oauth/par";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static String url(String path) {
        return "http://127.0.0.1:" + RestAssured.port + path;
    }

    /** A value of the discovery document (the issuer is configured, not the test port). */
    private static String discovered(String key) {
        return given().get("/.well-known/openid-configuration").then().extract().path(key);
    }

    private static String parEndpoint() {
        return discovered("pushed_authorization_request_endpoint");
    }

    private static Response push(TestRelyingParty rp, String assertion) throws Exception {
        return given().formParam("response_type", "code").formParam("client_id", rp.clientId).formParam("redirect_uri", TestRelyingParty.REDIRECT)
                .formParam("scope", "openid").formParam("nonce", UUID.randomUUID().toString()).formParam("state", "s")
                .formParam("code_challenge", rp.challenge()).formParam("code_challenge_method", "S256")
                .formParam("client_assertion_type", ASSERTION_TYPE).formParam("client_assertion", assertion).post(PAR);
    }

    private static Browser.Page authorize(TestRelyingParty rp, String requestUri) {
        return new Browser().get(url("/authorize?client_id=" + rp.clientId + "&request_uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8)));
    }

    @Test
    void requestUriIsSingleUseAndExpires() throws Exception {
        TestRelyingParty rp = new TestRelyingParty("rp-par", true, false);
        Response pushed = push(rp, rp.assertion(discovered("token_endpoint"), UUID.randomUUID().toString()));
        pushed.then().statusCode(201).body("request_uri", startsWith("urn:ietf:params:oauth:request_uri:")).body("expires_in", equalTo(8));
        String requestUri = pushed.path("request_uri");
        Browser.Page first = authorize(rp, requestUri);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("/authorize/identify");
        assertInvalidRequestUri(authorize(rp, requestUri));

        String late = push(rp, rp.assertion(discovered("issuer"), UUID.randomUUID().toString())).then().statusCode(201).extract().path("request_uri");
        Thread.sleep(8_500);
        assertInvalidRequestUri(authorize(rp, late));

        String foreign = push(rp, rp.assertion(parEndpoint(), UUID.randomUUID().toString())).then().statusCode(201).extract().path("request_uri");
        assertInvalidRequestUri(authorize(new TestRelyingParty("rp-par", true, false), foreign));
    }

    @Test
    void pushWithoutValidClientAuthenticationIsRefused() throws Exception {
        TestRelyingParty rp = new TestRelyingParty("rp-par", true, false);
        TestRelyingParty other = new TestRelyingParty("rp-par", true, false);
        String claims = rp.assertion(parEndpoint(), UUID.randomUUID().toString());
        String foreignSignature = other.assertion(parEndpoint(), UUID.randomUUID().toString());
        String forged = claims.substring(0, claims.lastIndexOf('.')) + foreignSignature.substring(foreignSignature.lastIndexOf('.'));
        push(rp, forged).then().statusCode(400).body("error", equalTo("invalid_client"));
        push(rp, rp.assertion("https://elsewhere.invalid", UUID.randomUUID().toString())).then().statusCode(400).body("error", equalTo("invalid_client"));
        String jti = UUID.randomUUID().toString();
        push(rp, rp.assertion(parEndpoint(), jti)).then().statusCode(201);
        push(rp, rp.assertion(parEndpoint(), jti)).then().statusCode(400).body("error", equalTo("invalid_client"));
        given().formParam("response_type", "code").formParam("client_id", rp.clientId).formParam("redirect_uri", TestRelyingParty.REDIRECT)
                .post(PAR).then().statusCode(400).body("error", equalTo("invalid_client"));
    }

    private static void assertInvalidRequestUri(Browser.Page page) {
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).as("never reaches the relying party").isNull();
        assertThat(page.body()).contains("data-error=\"invalid_request_uri\"");
    }
}
