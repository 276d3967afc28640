package org.ancconnect.esignet.authorize;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.identity.SeedIdentities;
import org.ancconnect.esignet.token.AuthorizationGrant;
import org.jboss.logging.Logger;

/**
 * The person's authentication and consent. Every factor is simulated by an OTP: the stand-in has no biometric or
 * static-code devices, and reports as {@code acr} the first ACR the request resolved to.
 */
@ApplicationScoped
public class Authentication {

    private static final Logger LOG = Logger.getLogger(Authentication.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** eSignet keeps a consent until it expires; a day is plenty for a dev/test stand-in. */
    private static final Duration CONSENT_MEMORY = Duration.ofDays(1);

    private final SeedIdentities identities;
    private final StandinConfig config;
    private final ExpiringStore<Set<String>> consents = new ExpiringStore<>();

    public Authentication(SeedIdentities identities, StandinConfig config) {
        this.identities = identities;
        this.config = config;
    }

    /** Sends (prints) an OTP when the UIN/VID is known. */
    boolean sendOtp(Transaction transaction, String individualId) {
        if (identities.find(individualId).isEmpty()) {
            return false;
        }
        transaction.individualId = individualId.trim();
        transaction.otp = config.fixedOtp().orElseGet(() -> String.format("%06d", RANDOM.nextInt(1_000_000)));
        transaction.otpAttempts = 0;
        if (config.fixedOtp().isEmpty()) {
            LOG.infof("DEV/TEST ONLY eSignet stand-in: OTP for transaction %s... is %s", transaction.id.substring(0, 8), transaction.otp);
        }
        return true;
    }

    boolean verifyOtp(Transaction transaction, String otp) {
        transaction.otpAttempts++;
        boolean ok = otp != null && MessageDigest.isEqual(otp.trim().getBytes(StandardCharsets.UTF_8),
                transaction.otp.getBytes(StandardCharsets.UTF_8));
        if (ok) {
            transaction.authenticated = true;
            transaction.acr = transaction.request.acrs().getFirst();
            transaction.authTime = Instant.now();
        }
        return ok;
    }

    /** True when the person already consented to at least every requested claim for this client. */
    boolean hasConsent(Transaction transaction) {
        Set<String> requested = new HashSet<>(transaction.request.essentialClaims());
        requested.addAll(transaction.request.voluntaryClaims());
        return consents.get(consentKey(transaction)).map(given -> given.containsAll(requested)).orElse(false);
    }

    void rememberConsent(Transaction transaction, Set<String> claims) {
        consents.put(consentKey(transaction), Set.copyOf(claims), CONSENT_MEMORY);
    }

    AuthorizationGrant grant(Transaction transaction, Set<String> claims) {
        AuthorizationRequest request = transaction.request;
        return new AuthorizationGrant(request.client().clientId(), request.redirectUri(), request.codeChallenge(), request.nonce(),
                transaction.individualId, transaction.acr, transaction.authTime, Set.copyOf(claims), request.claimsLocales());
    }

    private static String consentKey(Transaction transaction) {
        return transaction.request.client().clientId() + '|' + transaction.individualId;
    }
}
