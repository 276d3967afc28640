package org.ancconnect.identity.token;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.identity.IdentityConfig;
import org.ancconnect.identity.OffEventLoop;
import org.ancconnect.identity.session.Principal;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Issues the suite's internal access tokens (RS256): {@code iss}, {@code aud}=anc-connect, {@code sub}, {@code exp}
 * (5 min), {@code iat}, {@code jti}, {@code groups}, {@code facility} (staff), {@code phn} (patients), {@code name}.
 */
@ApplicationScoped
public class InternalTokenIssuer {

    /** A signed token and its life in seconds. */
    public record IssuedToken(String token, long expiresIn) {
    }

    private final SigningKeyRing keys;
    private final IdentityConfig.Tokens config;

    public InternalTokenIssuer(SigningKeyRing keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config.tokens();
    }

    public Uni<IssuedToken> issue(Principal principal) {
        return keys.activeKey().flatMap(key -> OffEventLoop.compute(() -> sign(principal, key)));
    }

    private IssuedToken sign(Principal principal, SigningKeyRing.ActiveKey key) {
        long lifetime = config.lifetime().toSeconds();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(config.audience());
        claims.setSubject(principal.subject());
        claims.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(lifetime);
        claims.setExpirationTime(exp);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", principal.roles());
        if (principal.facility() != null) {
            claims.setStringClaim("facility", principal.facility());
        }
        if (principal.phn() != null) {
            claims.setStringClaim("phn", principal.phn());
        }
        if (principal.displayName() != null) {
            claims.setStringClaim("name", principal.displayName());
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return new IssuedToken(jws.getCompactSerialization(), lifetime);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
