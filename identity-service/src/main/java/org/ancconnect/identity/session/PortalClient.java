package org.ancconnect.identity.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.ancconnect.identity.IdentityConfig;

/**
 * Authenticates the portal on the session back channel ({@code Authorization: Basic base64(id:secret)}, RFC 7617).
 * Both parts are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and the digest hides
 * the secret's length too.
 */
@ApplicationScoped
public class PortalClient {

    private static final String SCHEME = "Basic ";

    private final byte[] expected;

    public PortalClient(IdentityConfig config) {
        this.expected = digest(config.portalClient().id() + ":" + config.portalClient().secret());
    }

    /** Whether the {@code Authorization} header value carries the portal's client id and secret. */
    public boolean authenticates(String authorization) {
        if (authorization == null || authorization.length() > 1000 || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(decoded));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
