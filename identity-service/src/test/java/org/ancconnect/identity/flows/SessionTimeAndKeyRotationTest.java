package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ancconnect.identity.TimeSource;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time-driven behaviour with identity-service's clock moved forward (no waiting): a session ends after 30 idle minutes
 * but not while it is used, and after 12 hours however much it is used; the internal signing key rotates by slot
 * (1 day in the test profile), a new key is published a slot before it signs, and a token signed with the previous
 * slot's key still verifies.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class SessionTimeAndKeyRotationTest {

    /** identity-service's clock, {@code offset} ahead of the real one. */
    static class MovedTime extends TimeSource {

        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    private final MovedTime time = new MovedTime();

    @BeforeEach
    void moveableClock() {
        QuarkusMock.installMockForType(time, TimeSource.class);
    }

    private static int refresh(String sessionId) {
        return FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().extract().statusCode();
    }

    private static String newSession(String individualId) {
        return FlowDriver.staffSession(individualId, List.of("individual_id")).getString("sessionId");
    }

    @Test
    void idleTimeoutEndsAnUnusedSessionButNotAUsedOne() {
        String sessionId = newSession(FlowDriver.PHM_NADEESHA);
        time.offset = Duration.ofMinutes(29);
        assertThat(refresh(sessionId)).isEqualTo(200);
        time.offset = Duration.ofMinutes(58);
        assertThat(refresh(sessionId)).as("used 29 minutes ago: the idle timer was reset").isEqualTo(200);
        time.offset = Duration.ofMinutes(88).plusSeconds(5);
        FlowDriver.portal().body(Map.of("sessionId", sessionId)).post("/api/v1/sessions/token").then().statusCode(401)
                .body("type", equalTo("https://ancconnect.org/problems/session-ended"));
    }

    @Test
    void absoluteTimeoutEndsASessionHoweverMuchItIsUsed() {
        String sessionId = newSession(FlowDriver.PHM_NADEESHA);
        for (Duration t = Duration.ofMinutes(25); t.compareTo(Duration.ofHours(12)) < 0; t = t.plusMinutes(25)) {
            time.offset = t;
            assertThat(refresh(sessionId)).as("at +" + t).isEqualTo(200);
        }
        time.offset = Duration.ofHours(12).plusSeconds(5);
        assertThat(refresh(sessionId)).isEqualTo(401);
    }

    @Test
    void signingKeyRotatesPublishedAheadAndThePreviousKeyStillVerifies() throws Exception {
        String jwksUrl = FlowDriver.identity() + "/internal/jwks";
        JsonPath first = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id"));
        String oldToken = first.getString("accessToken");
        String oldKid = kidOf(oldToken);
        List<String> publishedBefore = kids(jwksUrl);
        assertThat(publishedBefore).contains(oldKid).hasSizeGreaterThanOrEqualTo(2);

        time.offset = Duration.ofDays(1);
        String newToken = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id")).getString("accessToken");
        String newKid = kidOf(newToken);
        assertThat(newKid).as("the new slot signs with a new key").isNotEqualTo(oldKid);
        assertThat(publishedBefore).as("published a slot before its first token").contains(newKid);
        assertThat(kids(jwksUrl)).contains(oldKid, newKid);

        given().auth().oauth2(oldToken).get("/api/v1/staff").then().statusCode(200);
        given().auth().oauth2(newToken).get("/api/v1/staff").then().statusCode(200);
        new JwtConsumerBuilder().setExpectedIssuer(FlowDriver.identity() + "/internal").setExpectedAudience("anc-connect")
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwksUrl))).build().processToClaims(oldToken);

        time.offset = Duration.ofDays(2);
        assertThat(kids(jwksUrl)).as("two slots later the old key is retired").doesNotContain(oldKid).contains(newKid);
    }

    private static String kidOf(String token) throws Exception {
        return ((JsonWebSignature) JsonWebSignature.fromCompactSerialization(token)).getKeyIdHeaderValue();
    }

    private static List<String> kids(String jwksUrl) throws Exception {
        return new HttpsJwks(jwksUrl).getJsonWebKeys().stream().map(JsonWebKey::getKeyId).toList();
    }
}
