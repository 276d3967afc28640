package org.ancconnect.esignet.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.client.RegisteredClient;
import org.ancconnect.esignet.discovery.Endpoints;
import org.ancconnect.esignet.faults.Fault;
import org.ancconnect.esignet.faults.Faults;
import org.ancconnect.esignet.identity.PairwiseSubjects;
import org.ancconnect.esignet.keys.SigningKeys;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Issues eSignet's token response: a PS256 ID token without identity claims ({@code sub}, {@code aud}, {@code nonce},
 * {@code acr}, {@code auth_time}, {@code at_hash}) and a signed access token for userinfo, {@code expires_in} 3600.
 */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final PairwiseSubjects subjects;
    private final Grants grants;
    private final Faults faults;
    private final StandinConfig config;
    private final Endpoints endpoints;

    public TokenIssuer(SigningKeys keys, PairwiseSubjects subjects, Grants grants, Faults faults, StandinConfig config,
            Endpoints endpoints) {
        this.keys = keys;
        this.subjects = subjects;
        this.grants = grants;
        this.faults = faults;
        this.config = config;
        this.endpoints = endpoints;
    }

    Map<String, Object> issue(RegisteredClient client, AuthorizationGrant grant) {
        String sub = subjects.subject(grant.individualId(), client.relyingPartyId());
        long lifetime = config.accessTokenLifetime().toSeconds();

        JwtClaims access = base(sub, client.clientId(), lifetime);
        access.setGeneratedJwtId();
        access.setStringClaim("client_id", client.clientId());
        String accessToken = sign(access, AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        grants.rememberAccessToken(accessToken, grant, config.accessTokenLifetime());

        String clientId = client.clientId();
        JwtClaims id = base(sub, faults.fire(clientId, Fault.ID_TOKEN_WRONG_AUDIENCE) ? clientId + "-other" : clientId, lifetime);
        id.setStringClaim("nonce", faults.fire(clientId, Fault.ID_TOKEN_WRONG_NONCE) ? Grants.randomToken() : grant.nonce());
        id.setStringClaim("acr", faults.fire(clientId, Fault.ID_TOKEN_STATIC_CODE_ACR) ? "mosip:idp:acr:static-code" : grant.acr());
        id.setClaim("auth_time", grant.authTime().getEpochSecond());
        id.setStringClaim("at_hash", leftHalfHash(accessToken));
        String alg = faults.fire(clientId, Fault.ID_TOKEN_RS256) ? AlgorithmIdentifiers.RSA_USING_SHA256 : AlgorithmIdentifiers.RSA_PSS_USING_SHA256;
        return Map.of("id_token", sign(id, alg), "access_token", accessToken, "token_type", "Bearer", "expires_in", lifetime);
    }

    private JwtClaims base(String sub, String audience, long lifetimeSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(endpoints.issuer());
        claims.setSubject(sub);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(lifetimeSeconds);
        claims.setExpirationTime(exp);
        return claims;
    }

    private String sign(JwtClaims claims, String alg) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.esignetKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.esignetKey().getKeyId());
        jws.setAlgorithmHeaderValue(alg);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OIDC Core 3.1.3.6: base64url of the left half of SHA-256 of the access token. */
    private static String leftHalfHash(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
