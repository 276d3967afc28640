package org.ancconnect.esignet.token;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;

/** Authorization codes (single use) and the grants behind access tokens. */
@ApplicationScoped
public class Grants {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExpiringStore<AuthorizationGrant> codes = new ExpiringStore<>();
    private final ExpiringStore<AuthorizationGrant> accessTokens = new ExpiringStore<>();
    private final StandinConfig config;

    public Grants(StandinConfig config) {
        this.config = config;
    }

    public String issueCode(AuthorizationGrant grant) {
        String code = randomToken();
        codes.put(code, grant, config.codeLifetime());
        return code;
    }

    /** The grant of a code, removed so that a replay finds nothing. */
    public Optional<AuthorizationGrant> redeem(String code) {
        return codes.take(code);
    }

    public void rememberAccessToken(String accessToken, AuthorizationGrant grant, Duration lifetime) {
        accessTokens.put(accessToken, grant, lifetime);
    }

    public Optional<AuthorizationGrant> forAccessToken(String accessToken) {
        return accessTokens.get(accessToken);
    }

    /** 256 random bits, base64url. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
