package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.junit.jupiter.api.Test;

/**
 * The eSignet tenants are created at their first request, so readiness checks what they need before traffic: eSignet's
 * discovery answers and the relying-party keystore can be read with the configured password and aliases.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class ReadinessTest {

    @Test
    void readyChecksEsignetDiscoveryAndTheRelyingPartyKeystore() {
        JsonPath health = given().get(FlowDriver.identity() + "/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'esignet' }.status")).isEqualTo("UP");
        assertThat(health.getString("checks.find { it.name == 'relying-party-keys' }.status")).isEqualTo("UP");
    }
}
