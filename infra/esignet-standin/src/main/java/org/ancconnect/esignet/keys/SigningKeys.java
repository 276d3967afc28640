package org.ancconnect.esignet.keys;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The two signing keys of a stand-in instance, fresh at every start: eSignet's own (ID and access tokens,
 * PS256 as eSignet 1.8 signs them) and the identity system's (userinfo JWS, RS256). A second instance
 * therefore never shares keys with the first.
 */
@ApplicationScoped
public class SigningKeys {

    private final RsaJsonWebKey esignetKey;
    private final RsaJsonWebKey identitySystemKey;

    public SigningKeys() throws JoseException {
        esignetKey = generate("esignet-", AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        identitySystemKey = generate("ida-", AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    private static RsaJsonWebKey generate(String kidPrefix, String alg) throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kidPrefix + UUID.randomUUID());
        key.setAlgorithm(alg);
        key.setUse("sig");
        return key;
    }

    public RsaJsonWebKey esignetKey() {
        return esignetKey;
    }

    public RsaJsonWebKey identitySystemKey() {
        return identitySystemKey;
    }

    /** Public JWKS JSON of the given keys. */
    public static String publicJwks(JsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
