package org.ancconnect.identity.esignet;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.privacy.KeyedHash;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Fetches and verifies eSignet userinfo itself (quarkus-oidc's signed-userinfo check cannot accept it): a JWS by the
 * identity system's key, optionally inside a JWE for our key; {@code sub} must equal the ID token's; {@code iss} and
 * {@code aud} checked when present; no {@code exp}, so freshness is bounded by the ID token's {@code auth_time}.
 */
@ApplicationScoped
public class UserinfoVerifier {

    private static final long TIMEOUT_MS = 5_000;
    private static final AlgorithmConstraints JWS_ALGS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    private static final AlgorithmConstraints JWE_KEY_ALGS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
    private static final AlgorithmConstraints JWE_ENC_ALGS = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            ContentEncryptionAlgorithmIdentifiers.AES_256_GCM, ContentEncryptionAlgorithmIdentifiers.AES_128_GCM);

    private final WebClient client;
    private final IdentitySystemKeys keys;
    private final RelyingPartyKeys relyingPartyKeys;
    private final KeyedHash hash;
    private final IdentityConfig.Esignet config;
    private final List<String> locales;

    public UserinfoVerifier(Vertx vertx, IdentitySystemKeys keys, RelyingPartyKeys relyingPartyKeys, KeyedHash hash,
            IdentityConfig config) {
        this.client = WebClient.create(vertx);
        this.keys = keys;
        this.relyingPartyKeys = relyingPartyKeys;
        this.hash = hash;
        this.config = config.esignet();
        this.locales = Arrays.asList(config.esignet().claimsLocales().trim().split("\\s+"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Reads userinfo for the signed-in person whose ID token subject is {@code idTokenSub}. */
    public Uni<VerifiedClaims> fetch(EsignetFlow flow, String userinfoUri, String accessToken, String idTokenSub) {
        return client.getAbs(userinfoUri).bearerTokenAuthentication(accessToken).timeout(TIMEOUT_MS).send()
                .flatMap(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(new SignInRejected("userinfo_http", "Userinfo answered HTTP " + response.statusCode()));
                    }
                    String jws = unwrap(flow, response.bodyAsString().trim());
                    return verify(flow, jws, idTokenSub);
                });
    }

    private String unwrap(EsignetFlow flow, String body) {
        if (body.split("\\.", -1).length != 5) {
            return body;
        }
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(JWE_KEY_ALGS);
            jwe.setContentEncryptionAlgorithmConstraints(JWE_ENC_ALGS);
            jwe.setCompactSerialization(body);
            jwe.setKey(relyingPartyKeys.privateKey(flow));
            return jwe.getPayload();
        } catch (JoseException e) {
            throw new SignInRejected("userinfo_decryption", "Userinfo JWE cannot be decrypted with our key");
        }
    }

    private Uni<VerifiedClaims> verify(EsignetFlow flow, String compact, String idTokenSub) {
        JsonWebSignature jws = new JsonWebSignature();
        String kid;
        try {
            jws.setAlgorithmConstraints(JWS_ALGS);
            jws.setCompactSerialization(compact);
            kid = jws.getKeyIdHeaderValue();
        } catch (JoseException e) {
            return Uni.createFrom().failure(new SignInRejected("userinfo_format", "Userinfo is not a JWS"));
        }
        return keys.find(kid).map(key -> {
            JsonWebKey verificationKey = key.orElseThrow(() -> new SignInRejected("userinfo_signature", "Userinfo signed by an unknown key"));
            try {
                jws.setKey(verificationKey.getKey());
                if (!jws.verifySignature()) {
                    throw new SignInRejected("userinfo_signature", "Userinfo signature does not verify");
                }
                return checkClaims(flow, JwtClaims.parse(jws.getUnverifiedPayload()), idTokenSub);
            } catch (JoseException | InvalidJwtException e) {
                throw new SignInRejected("userinfo_signature", "Userinfo signature cannot be checked");
            }
        });
    }

    private VerifiedClaims checkClaims(EsignetFlow flow, JwtClaims claims, String idTokenSub) {
        try {
            if (claims.getSubject() == null || !claims.getSubject().equals(idTokenSub)) {
                throw new SignInRejected("userinfo_sub", "Userinfo sub differs from the ID token's");
            }
            String iss = claims.getIssuer();
            Set<String> issuers = config.userinfoIssuers().orElse(Set.of());
            if (iss != null && !iss.equals(config.issuer()) && !issuers.contains(iss)) {
                throw new SignInRejected("userinfo_iss", "Userinfo issuer is not accepted");
            }
            if (claims.hasAudience() && !claims.getAudience().contains(flow.clientId(config))) {
                throw new SignInRejected("userinfo_aud", "Userinfo audience is another client");
            }
        } catch (MalformedClaimException e) {
            throw new SignInRejected("userinfo_format", "Userinfo claims are malformed");
        }
        Map<String, Object> all = claims.getClaimsMap();
        return ClaimsReader.read(all, locales, hash::nationalId);
    }
}
