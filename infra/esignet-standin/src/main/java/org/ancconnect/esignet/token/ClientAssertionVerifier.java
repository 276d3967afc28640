package org.ancconnect.esignet.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.client.RegisteredClient;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Checks a {@code private_key_jwt} client assertion as eSignet does: RS256/PS256/ES256 by the registered key,
 * {@code iss}={@code sub}=client id, {@code aud} the token endpoint or the issuer, {@code exp} and {@code iat} with
 * 5 s leeway, and a {@code jti} never seen before.
 */
@ApplicationScoped
public class ClientAssertionVerifier {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** eSignet's documented leeway for assertion times. */
    private static final int LEEWAY_SECONDS = 5;

    private final StandinConfig config;
    private final ExpiringStore<Boolean> usedJtis = new ExpiringStore<>();

    public ClientAssertionVerifier(StandinConfig config) {
        this.config = config;
    }

    /** Verifies; throws {@link TokenError} {@code invalid_client} on any failure. */
    public void verify(RegisteredClient client, String assertion, String... endpoints) {
        String[] audiences = Arrays.copyOf(endpoints, endpoints.length + 1);
        audiences[endpoints.length] = config.issuer();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(LEEWAY_SECONDS, Integer.MAX_VALUE)
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(LEEWAY_SECONDS)
                .setExpectedIssuer(client.clientId())
                .setExpectedSubject(client.clientId())
                .setExpectedAudience(audiences)
                .setVerificationKey(client.publicKey().getKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(assertion);
        } catch (InvalidJwtException e) {
            throw new TokenError("invalid_client", "Client assertion rejected: " + e.getErrorDetails().getFirst().getErrorMessage());
        }
        try {
            long ttl = Math.max(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis(), 0) + LEEWAY_SECONDS * 1000L;
            if (!usedJtis.putIfAbsent(client.clientId() + '|' + claims.getJwtId(), Boolean.TRUE, Duration.ofMillis(ttl))) {
                throw new TokenError("invalid_client", "Client assertion jti was already used");
            }
        } catch (MalformedClaimException e) {
            throw new TokenError("invalid_client", "Client assertion claims are malformed");
        }
    }
}
