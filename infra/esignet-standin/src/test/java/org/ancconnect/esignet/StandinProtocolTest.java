package org.ancconnect.esignet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.testsupport.esignet.Browser;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/** eSignet's protocol as a relying party sees it, driven through the real pages and endpoints. */
@QuarkusTest
class StandinProtocolTest {

    private static final String KUMARI = "5724385027";
    private static final String CLAIMS = "{\"userinfo\":{\"name\":{\"essential\":true},\"birthdate\":{\"essential\":false},"
            + "\"gender\":null,\"email\":{\"essential\":true}}}";

    private String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }

    private JsonPath discovery() {
        return given().get("/.well-known/openid-configuration").then().statusCode(200).extract().jsonPath();
    }

    private String authorizeUrl(TestRelyingParty rp, String nonce, String extra) throws Exception {
        return base() + "/authorize?response_type=code&client_id=" + rp.clientId + "&redirect_uri=" + enc(TestRelyingParty.REDIRECT)
                + "&scope=openid&state=st-" + nonce + "&nonce=" + nonce + "&code_challenge=" + rp.challenge()
                + "&code_challenge_method=S256&acr_values=" + enc("mosip:idp:acr:biometrics mosip:idp:acr:generated-code")
                + "&claims=" + enc(CLAIMS) + extra;
    }

    /** Drives ID, OTP and consent pages and returns the redirect to the relying party. */
    private Browser.Page signIn(Browser browser, String url, String individualId) {
        Browser.Page page = browser.get(url);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("DEV/TEST ONLY");
        page = browser.submit(page, "/authorize/identify", Map.of("individualId", individualId, "action", "next"));
        page = browser.submit(page, "/authorize/otp", Map.of("otp", "111111", "action", "verify"));
        return browser.submit(page, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("birthdate")));
    }

    @Test
    void codeFlowIssuesPs256IdTokenAndIdentitySystemSignedUserinfo() throws Exception {
        JsonPath discovery = discovery();
        String issuer = discovery.getString("issuer");
        assertThat(discovery.getString("token_endpoint")).isEqualTo(issuer + "/v1/esignet/oauth/v2/token");
        TestRelyingParty rp = new TestRelyingParty("rp-one", true, false);
        String nonce = UUID.randomUUID().toString();

        Browser.Page redirect = signIn(new Browser(), authorizeUrl(rp, nonce, ""), KUMARI);
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.location()).startsWith(TestRelyingParty.REDIRECT);
        assertThat(redirect.locationParam("state")).isEqualTo("st-" + nonce);
        assertThat(redirect.locationParam("iss")).isEqualTo(issuer);

        JsonPath tokens = rp.token(discovery.getString("token_endpoint"), redirect.locationParam("code"), rp.verifier, UUID.randomUUID().toString())
                .then().statusCode(200).extract().jsonPath();
        assertThat(tokens.getInt("expires_in")).isEqualTo(3600);
        assertThat(tokens.getString("refresh_token")).isNull();
        JwtClaims id = new JwtConsumerBuilder().setExpectedIssuer(issuer).setExpectedAudience(rp.clientId)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks(discovery.getString("jwks_uri"))))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "PS256").build()
                .processToClaims(tokens.getString("id_token"));
        assertThat(id.getClaimValueAsString("nonce")).isEqualTo(nonce);
        assertThat(id.getClaimValueAsString("acr")).isEqualTo("mosip:idp:acr:generated-code");
        assertThat(id.hasClaim("at_hash")).isTrue();
        assertThat(id.hasClaim("name")).isFalse();

        Response userinfo = given().auth().oauth2(tokens.getString("access_token")).get("/v1/esignet/oidc/userinfo");
        assertThat(userinfo.contentType()).startsWith("application/jwt");
        JwtClaims claims = verifyUserinfo(userinfo.asString());
        assertThat(claims.getSubject()).isEqualTo(id.getSubject());
        assertThat(claims.getClaimValueAsString("name")).isEqualTo("Kumari Perera");
        assertThat(claims.getClaimValueAsString("birthdate")).isEqualTo("1995/04/12");
        assertThat(claims.hasClaim("gender")).as("voluntary claim not ticked").isFalse();
        assertThat(claims.hasClaim("email")).as("claim not registered for the client").isFalse();
        assertThat(claims.hasClaim("exp")).isFalse();
        assertThat(claims.getIssuer()).isNotEqualTo(issuer);
    }

    @Test
    void codesAreSingleUseAndPkceAndAssertionIdsAreChecked() throws Exception {
        String tokenEndpoint = discovery().getString("token_endpoint");
        TestRelyingParty rp = new TestRelyingParty("rp-one", true, false);
        String code = signIn(new Browser(), authorizeUrl(rp, UUID.randomUUID().toString(), ""), KUMARI).locationParam("code");
        assertOAuthError(rp.token(tokenEndpoint, code, "wrong-verifier-" + UUID.randomUUID(), UUID.randomUUID().toString()), "invalid_grant");

        String second = signIn(new Browser(), authorizeUrl(rp, UUID.randomUUID().toString(), ""), KUMARI).locationParam("code");
        String jti = UUID.randomUUID().toString();
        rp.token(tokenEndpoint, second, rp.verifier, jti).then().statusCode(200);
        assertOAuthError(rp.token(tokenEndpoint, second, rp.verifier, UUID.randomUUID().toString()), "invalid_grant");

        String third = signIn(new Browser(), authorizeUrl(rp, UUID.randomUUID().toString(), ""), KUMARI).locationParam("code");
        assertOAuthError(rp.token(tokenEndpoint, third, rp.verifier, jti), "invalid_client");
        assertOAuthError(rp.token("http://elsewhere.invalid/token", third, rp.verifier, UUID.randomUUID().toString()), "invalid_client");
    }

    @Test
    void validationErrorsStayOnTheStandinPage() throws Exception {
        TestRelyingParty rp = new TestRelyingParty("rp-one", true, false);
        Browser browser = new Browser();
        String nonce = UUID.randomUUID().toString();
        assertErrorPage(browser.get(authorizeUrl(rp, nonce, "").replace(enc(TestRelyingParty.REDIRECT), enc("http://evil.invalid/cb"))),
                "invalid_redirect_uri");
        assertErrorPage(browser.get(authorizeUrl(rp, nonce, "").replace(rp.clientId, "unknown-client")), "invalid_client_id");
        assertErrorPage(browser.get(authorizeUrl(rp, nonce, "").replace("&code_challenge=", "&x=")), "invalid_pkce_challenge");
        assertErrorPage(browser.get(authorizeUrl(rp, nonce, "&prompt=" + enc("login consent"))), "invalid_prompt");
        assertThat(browser.get(authorizeUrl(rp, nonce, "")).status()).isEqualTo(200);
        assertErrorPage(browser.get(authorizeUrl(rp, nonce, "")), "invalid_nonce");
    }

    @Test
    void cancelReturnsAccessDeniedWithState() throws Exception {
        TestRelyingParty rp = new TestRelyingParty("rp-one", true, false);
        Browser browser = new Browser();
        Browser.Page page = browser.get(authorizeUrl(rp, "n-" + UUID.randomUUID(), ""));
        page = browser.submit(page, "/authorize/identify", Map.of("individualId", KUMARI, "action", "next"));
        page = browser.submit(page, "/authorize/otp", Map.of("otp", "111111", "action", "verify"));
        Browser.Page redirect = browser.submit(page, "/authorize/consent", Map.of("action", "cancel"));
        assertThat(redirect.locationParam("error")).isEqualTo("access_denied");
        assertThat(redirect.locationParam("state")).startsWith("st-n-");
        assertThat(redirect.locationParam("code")).isNull();
    }

    @Test
    void parJweLocalesAndPairwiseSubjects() throws Exception {
        JsonPath discovery = discovery();
        TestRelyingParty jweRp = new TestRelyingParty("rp-shared", false, true);
        String nonce = UUID.randomUUID().toString();
        Response par = given().formParam("response_type", "code").formParam("client_id", jweRp.clientId)
                .formParam("redirect_uri", TestRelyingParty.REDIRECT).formParam("scope", "openid profile").formParam("nonce", nonce)
                .formParam("state", "s1").formParam("claims_locales", "en si")
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", jweRp.assertion(discovery.getString("pushed_authorization_request_endpoint"), UUID.randomUUID().toString()))
                .post("/v1/esignet/oauth/par");
        assertThat(par.statusCode()).as(par.asString()).isEqualTo(201);
        String requestUri = par.jsonPath().getString("request_uri");
        Browser browser = new Browser();
        Browser.Page page = browser.get(base() + "/authorize?client_id=" + jweRp.clientId + "&request_uri=" + enc(requestUri));
        page = browser.submit(page, "/authorize/identify", Map.of("individualId", KUMARI, "action", "next"));
        page = browser.submit(page, "/authorize/otp", Map.of("otp", "111111", "action", "verify"));
        Browser.Page redirect = browser.submit(page, "/authorize/consent", Map.of("action", "allow"), Map.of("claim", List.of("name", "gender")));
        assertErrorPage(new Browser().get(base() + "/authorize?client_id=" + jweRp.clientId + "&request_uri=" + enc(requestUri)), "invalid_request_uri");

        String access = jweRp.token(discovery.getString("token_endpoint"), redirect.locationParam("code"), null, UUID.randomUUID().toString())
                .then().statusCode(200).extract().path("access_token");
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setCompactSerialization(given().auth().oauth2(access).get("/v1/esignet/oidc/userinfo").asString());
        jwe.setKey(jweRp.key.getPrivateKey());
        JwtClaims claims = verifyUserinfo(jwe.getPayload());
        assertThat(claims.getClaimValueAsString("name#en")).isEqualTo("Kumari Perera");
        assertThat(claims.getClaimValueAsString("name#si")).isEqualTo("කුමාරි පෙරේරා");
        assertThat(claims.getClaimValueAsString("gender#en")).isEqualTo("Female");

        TestRelyingParty sameRp = new TestRelyingParty("rp-shared", true, false);
        TestRelyingParty otherRp = new TestRelyingParty("rp-other", true, false);
        assertThat(subjectFor(sameRp, discovery)).isEqualTo(claims.getSubject());
        assertThat(subjectFor(otherRp, discovery)).isNotEqualTo(claims.getSubject());
    }

    @Test
    void clientRegistrationRejectsDuplicatesAndPrivateKeys() throws Exception {
        TestRelyingParty rp = new TestRelyingParty("rp-one", true, false);
        Map<String, Object> again = Map.of("requestTime", "2026-01-01T00:00:00Z", "request", Map.of("clientId", rp.clientId,
                "relyingPartyId", "rp-one", "publicKey", rp.key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                "redirectUris", List.of(TestRelyingParty.REDIRECT)));
        given().contentType("application/json").body(again).post("/v1/esignet/client-mgmt/client").then().statusCode(200)
                .body("errors[0].errorCode", equalTo("duplicate_client_id"));
        Map<String, Object> leaked = Map.of("requestTime", "2026-01-01T00:00:00Z", "request", Map.of("clientId", "rp-" + UUID.randomUUID(),
                "relyingPartyId", "rp-one", "publicKey", rp.key.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                "redirectUris", List.of(TestRelyingParty.REDIRECT)));
        given().contentType("application/json").body(leaked).post("/v1/esignet/client-mgmt/client").then().statusCode(200)
                .body("errors[0].errorCode", equalTo("invalid_input"));
    }

    private String subjectFor(TestRelyingParty rp, JsonPath discovery) throws Exception {
        String code = signIn(new Browser(), authorizeUrl(rp, UUID.randomUUID().toString(), ""), KUMARI).locationParam("code");
        String idToken = rp.token(discovery.getString("token_endpoint"), code, rp.verifier, UUID.randomUUID().toString())
                .then().statusCode(200).extract().path("id_token");
        return new JwtConsumerBuilder().setSkipAllValidators().setSkipSignatureVerification().build().processToClaims(idToken).getSubject();
    }

    private List<JsonWebKey> jwks(String url) throws Exception {
        return new HttpsJwks(url.replace("localhost:8088", "127.0.0.1:" + RestAssured.port)).getJsonWebKeys();
    }

    /** Userinfo JWS checked against the mock identity system's key (not eSignet's), with no expiry required. */
    private JwtClaims verifyUserinfo(String jws) throws Exception {
        return new JwtConsumerBuilder().setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks(base() + "/v1/mock-identity-system/.well-known/jwks.json")))
                .build().processToClaims(jws);
    }

    private static void assertOAuthError(Response response, String error) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error")).isEqualTo(error);
    }

    private static void assertErrorPage(Browser.Page page, String code) {
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).isNull();
        assertThat(page.body()).contains("data-error=\"" + code + "\"");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
