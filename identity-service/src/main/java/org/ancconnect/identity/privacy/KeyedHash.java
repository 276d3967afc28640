package org.ancconnect.identity.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ancconnect.identity.IdentityConfig;

/**
 * National IDs are kept only as an HMAC-SHA256 under a secret key (a plain hash of a 10-12 digit number is
 * brute-forced in seconds); codes and session ids only as SHA-256 (they are 256-bit random already).
 */
@ApplicationScoped
public class KeyedHash {

    private final SecretKeySpec key;

    public KeyedHash(IdentityConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.privacy().nationalIdHashKey());
        if (raw.length < 32) {
            throw new IllegalStateException("identity.privacy.national-id-hash-key must be at least 32 bytes (base64)");
        }
        key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** Keyed hash of a national ID (UIN/VID/NIC), whitespace and case normalised. */
    public String nationalId(String nationalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String normalised = nationalId.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 hex of a random secret (one-time code, session id, enrolment code). */
    public static String secret(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
