package org.ancconnect.identity.flows;

import static io.restassured.RestAssured.given;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.function.Consumer;
import org.ancconnect.identity.token.SigningKeyRing;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * identity-service's own bearer authentication (default tenant, the internal issuer configured rather than discovered):
 * a token is accepted only with our issuer, our audience, a signature by a published key and a future expiry. The
 * control cases re-sign the same claims with the real signing key, so each refusal is caused by the one claim or key
 * that differs.
 */
@QuarkusTest
@QuarkusTestResource(EsignetTestResource.class)
class InternalBearerTokenTest {

    @Inject
    SigningKeyRing keys;

    @ConfigProperty(name = "identity.tokens.issuer")
    String issuer;

    @Test
    void onlyTokensOfOurIssuerSignedWithAPublishedKeyAreAccepted() throws Throwable {
        String issued = FlowDriver.staffSession(FlowDriver.ADMIN_ISHARA, List.of("individual_id")).getString("accessToken");
        staffList(issued, 200);
        SigningKeyRing.ActiveKey key = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(keys::activeKey));
        PrivateKey foreign = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();

        staffList(token(key.privateKey(), key.kid(), claims -> { }), 200);
        staffList(token(key.privateKey(), key.kid(), claims -> claims.setIssuer("http://attacker.invalid/internal")), 401);
        staffList(token(key.privateKey(), key.kid(), claims -> claims.setAudience("another-audience")), 401);
        staffList(token(key.privateKey(), key.kid(), claims -> claims.setExpirationTimeMinutesInTheFuture(-5)), 401);
        staffList(token(foreign, key.kid(), claims -> { }), 401);
        staffList(token(foreign, "unknown-kid", claims -> { }), 401);
    }

    private String token(PrivateKey signingKey, String kid, Consumer<JwtClaims> change) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience("anc-connect");
        claims.setSubject("internal-bearer-test");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 300));
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", List.of("ADMIN"));
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static void staffList(String token, int status) {
        given().auth().oauth2(token).get("/api/v1/staff").then().statusCode(status);
    }
}
