package org.ancconnect.testsupport.tokens;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Test-only stand-in for identity-service's internal token issuer: publishes a minimal OIDC discovery
 * document and a JWKS on a free local port and signs access tokens with the same claims identity-service
 * issues ({@code sub}, {@code groups} roles, {@code facility}, {@code phn} for patients, audience
 * {@code anc-connect}). Services under test verify these tokens through {@code quarkus-oidc} exactly as
 * in production (discovery, JWKS fetch, signature, issuer, audience, expiry): only the signer differs.
 * One instance per test JVM.
 */
public final class TestInternalIssuer {

    /** Audience every internal access token carries. */
    public static final String AUDIENCE = "anc-connect";

    private static TestInternalIssuer instance;

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String issuer;

    private TestInternalIssuer() throws IOException, JoseException {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(UUID.randomUUID().toString());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/internal";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"],"
                + "\"response_types_supported\":[\"code\"]}";
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        server.createContext("/internal/.well-known/openid-configuration", ex -> reply(ex, discovery));
        server.createContext("/internal/jwks", ex -> reply(ex, jwks));
        server.start();
    }

    /** The issuer of this JVM, started on first use. */
    public static synchronized TestInternalIssuer get() {
        if (instance == null) {
            try {
                instance = new TestInternalIssuer();
            } catch (IOException | JoseException e) {
                throw new IllegalStateException("Cannot start the test token issuer", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.server.stop(0)));
        }
        return instance;
    }

    /** The issuer URL; {@code quarkus.oidc.auth-server-url} points here in tests. */
    public String issuer() {
        return issuer;
    }

    /** A staff token: {@code roles} among PHM, DOCTOR, ADMIN; {@code facility} a DHIS2 org unit uid. */
    public String staffToken(String subject, String facility, String... roles) {
        JwtClaims claims = baseClaims(subject, List.of(roles));
        claims.setClaim("facility", facility);
        return sign(claims);
    }

    /** A patient token carrying her PHN. */
    public String patientToken(String subject, String phn) {
        JwtClaims claims = baseClaims(subject, List.of("PATIENT"));
        claims.setClaim("phn", phn);
        return sign(claims);
    }

    /** Signs arbitrary claims with this issuer's key, for tests of expired or malformed tokens. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a valid five-minute token for {@code subject} with {@code roles} in {@code groups}. */
    public JwtClaims baseClaims(String subject, List<String> roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        return claims;
    }

    private static void reply(HttpExchange exchange, String json) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
