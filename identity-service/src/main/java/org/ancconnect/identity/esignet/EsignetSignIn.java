package org.ancconnect.identity.esignet;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.ancconnect.identity.IdentityConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every eSignet flow checks after quarkus-oidc has verified the ID token (signature with the PS256 allow-list,
 * {@code iss}, {@code aud}, {@code exp}, {@code nonce}, state and PKCE): the {@code acr} is one this flow accepts, the
 * authentication is fresh, and userinfo verifies and belongs to the same subject.
 */
@ApplicationScoped
public class EsignetSignIn {

    private final UserinfoVerifier userinfo;
    private final IdentityConfig.Esignet config;

    public EsignetSignIn(UserinfoVerifier userinfo, IdentityConfig config) {
        this.userinfo = userinfo;
        this.config = config.esignet();
    }

    public Uni<VerifiedClaims> complete(EsignetFlow flow, JsonWebToken idToken, String accessToken, String userinfoUri) {
        String acr = idToken.getClaim("acr") == null ? null : idToken.getClaim("acr").toString();
        if (acr == null || !flow.allowedAcrs(config).contains(acr)) {
            return Uni.createFrom().failure(new SignInRejected("acr", "Authentication method not accepted for " + flow.tenant()));
        }
        Object authTime = idToken.getClaim("auth_time");
        if (!(authTime instanceof Number seconds)
                || Duration.between(Instant.ofEpochSecond(seconds.longValue()), Instant.now()).compareTo(config.maxAuthenticationAge()) > 0) {
            return Uni.createFrom().failure(new SignInRejected("auth_time", "Authentication is missing auth_time or too old"));
        }
        return userinfo.fetch(flow, userinfoUri, accessToken, idToken.getSubject());
    }
}
