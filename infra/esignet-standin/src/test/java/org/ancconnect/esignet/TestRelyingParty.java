package org.ancconnect.esignet;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** A relying party for the stand-in's own protocol tests: an in-memory key, registration, assertions, PKCE. */
final class TestRelyingParty {

    static final String REDIRECT = "http://rp.test.invalid/callback";

    final String clientId = "rp-" + UUID.randomUUID();
    final RsaJsonWebKey key;
    final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

    TestRelyingParty(String relyingPartyId, boolean requirePkce, boolean jwe) throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(clientId);
        Map<String, Object> request = Map.of("clientId", clientId, "clientName", "Test RP", "relyingPartyId", relyingPartyId,
                "publicKey", key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), "redirectUris", List.of(REDIRECT),
                "userClaims", List.of("name", "given_name", "family_name", "birthdate", "gender", "phone_number"),
                "authContextRefs", List.of("mosip:idp:acr:generated-code"),
                "additionalConfig", Map.of("require_pkce", requirePkce, "userinfo_response_type", jwe ? "JWE" : "JWS"));
        given().contentType("application/json").body(Map.of("requestTime", Instant.now().toString(), "request", request))
                .post("/v1/esignet/client-mgmt/client").then().statusCode(200);
    }

    String challenge() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    String assertion(String audience, String jti) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(60);
        claims.setExpirationTime(exp);
        claims.setJwtId(jti);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    Response token(String tokenEndpoint, String code, String codeVerifier, String jti) throws Exception {
        var request = given().formParam("grant_type", "authorization_code").formParam("code", code).formParam("redirect_uri", REDIRECT);
        if (codeVerifier != null) {
            request.formParam("code_verifier", codeVerifier);
        }
        return request.formParam("client_id", clientId)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion(tokenEndpoint, jti))
                .post("/v1/esignet/oauth/v2/token");
    }
}
