package org.ancconnect.portal.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Values the portal hands to the browser and must get back unread and unchanged (a saved form, the verified record
 * carried between registration steps): JSON, deflated, AES-256-GCM with the purpose as associated data, so a value
 * sealed for one purpose never opens for another. URL-safe base64.
 */
@ApplicationScoped
public class Sealer {

    /** Opening inflates at most 64 KiB: sealed values are a few form fields, never more. */
    private static final int MAX_PLAIN = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PortalKeys keys;

    public Sealer(PortalKeys keys) {
        this.keys = keys;
    }

    public String seal(String purpose, Object value) {
        try {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
                z.write(JSON.writeValueAsBytes(value));
            }
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, purpose);
            byte[] sealed = cipher.doFinal(deflated.toByteArray());
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a value", e);
        }
    }

    /** The value, when it was sealed here for this purpose and is intact; empty for anything else. */
    public <T> Optional<T> open(String purpose, String sealed, Class<T> type) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > 2 * MAX_PLAIN) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            if (in.length < 12 + 16) {
                return Optional.empty();
            }
            byte[] iv = java.util.Arrays.copyOf(in, 12);
            byte[] deflated = cipher(Cipher.DECRYPT_MODE, iv, purpose).doFinal(in, 12, in.length - 12);
            try (InflaterInputStream z = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
                byte[] plain = z.readNBytes(MAX_PLAIN);
                if (z.read() != -1) {
                    return Optional.empty();
                }
                return Optional.of(JSON.readValue(plain, type));
            }
        } catch (IllegalArgumentException | IOException | GeneralSecurityException forgedOrForeign) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] iv, String purpose) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keys.sealingKey(), "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
