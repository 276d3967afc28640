package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.ancconnect.testsupport.esignet.Browser;
import org.ancconnect.testsupport.esignet.EsignetStandin;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.ancconnect.testsupport.esignet.EsignetTestResource.InjectEsignet;
import org.junit.jupiter.api.Test;

/**
 * eSignet's discovery advertises PAR, so every sign-in pushes its authorization request (with {@code private_key_jwt})
 * and the browser carries only {@code client_id} and a single-use {@code request_uri}.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class PushedAuthorizationFlowTest {

    @InjectEsignet
    EsignetStandin esignet;

    @Test
    void signInPushesTheAuthorizationRequestAndTheRequestUriIsSingleUse() {
        given().get(esignet.issuer() + "/.well-known/openid-configuration").then().statusCode(200)
                .body("pushed_authorization_request_endpoint", endsWith("/v1/esignet/oauth/par"));
        Browser browser = new Browser();
        Browser.Page toEsignet = browser.open(FlowDriver.identity() + "/signin/staff?return=" + FlowDriver.enc(FlowDriver.PORTAL),
                uri -> uri.getPath().endsWith("/authorize"));
        URI authorize = URI.create(toEsignet.location());
        List<String> names = Arrays.stream(authorize.getRawQuery().split("&")).map(p -> p.substring(0, p.indexOf('='))).sorted().toList();
        assertThat(names).as("nonce, PKCE challenge, claims and ACRs went over the back channel").containsExactly("client_id", "request_uri");
        assertThat(Browser.queryParam(authorize, "request_uri")).startsWith("urn:ietf:params:oauth:request_uri:");

        Browser.Page idPage = browser.follow(toEsignet, FlowDriver.AT_PORTAL);
        Browser.Page portal = FlowDriver.consent(browser, FlowDriver.authenticate(browser, idPage, FlowDriver.PHM_NADEESHA), List.of("individual_id"));
        assertThat(portal.location()).as(portal.body()).startsWith(FlowDriver.PORTAL + "?code=");
        assertThat(FlowDriver.exchange(portal.locationParam("code")).getList("roles")).containsExactly("PHM");

        Browser.Page replay = new Browser().get(authorize.toString());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("data-error=\"invalid_request_uri\"");
        assertThat(replay.location()).as("refused at eSignet, never redirected to us").isNull();
    }
}
