package org.ancconnect.portal.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ancconnect.portal.PortalConfig;

/**
 * The portal's derived keys: one for CSRF tokens, one for values sealed for the browser (saved forms, verified records), each an HMAC-SHA256 of a
 * fixed label under the configured session secret (or, without one, the identity client secret), so every replica
 * derives the same keys and no key serves two purposes.
 */
@ApplicationScoped
public class PortalKeys {

    private final byte[] csrf;
    private final byte[] sealing;

    public PortalKeys(PortalConfig config) {
        byte[] master = config.session().secret().orElse(config.identityClientSecret()).getBytes(StandardCharsets.UTF_8);
        this.csrf = hmac(master, "anc-portal csrf v1".getBytes(StandardCharsets.UTF_8));
        this.sealing = hmac(master, "anc-portal sealing v1".getBytes(StandardCharsets.UTF_8));
    }

    /** The CSRF token of a session: HMAC of its id, URL-safe. */
    public String csrfToken(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(csrf, sessionId.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a presented CSRF token. */
    public boolean csrfValid(String sessionId, String presented) {
        if (presented == null || sessionId == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(sessionId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** AES-256 key of {@link Sealer}. */
    byte[] sealingKey() {
        return sealing.clone();
    }

    /** SHA-256 of a session id, the key the token cache holds instead of the id itself. */
    static String digest(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }
}
