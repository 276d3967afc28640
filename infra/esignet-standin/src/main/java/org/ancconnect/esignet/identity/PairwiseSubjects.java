package org.ancconnect.esignet.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ancconnect.esignet.StandinConfig;

/**
 * eSignet's pairwise subject: a hash of the individual ID and the client's relying-party id, so two relying parties
 * cannot link a person while clients of one relying party see the same {@code sub}.
 */
@ApplicationScoped
public class PairwiseSubjects {

    private final SecretKeySpec salt;

    public PairwiseSubjects(StandinConfig config) {
        salt = new SecretKeySpec(config.pairwiseSalt().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String subject(String individualId, String relyingPartyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt);
            byte[] hash = mac.doFinal((relyingPartyId + '\u0000' + individualId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
