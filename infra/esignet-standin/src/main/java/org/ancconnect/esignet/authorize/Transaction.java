package org.ancconnect.esignet.authorize;

import java.time.Instant;

/** One person's pass through the ID, OTP and consent pages for one authorize request. */
final class Transaction {

    /** eSignet locks a transaction after a few wrong OTPs; three is its mock's setting. */
    static final int MAX_OTP_ATTEMPTS = 3;

    final String id;
    final AuthorizationRequest request;
    String individualId;
    String otp;
    int otpAttempts;
    boolean authenticated;
    String acr;
    Instant authTime;

    Transaction(String id, AuthorizationRequest request) {
        this.id = id;
        this.request = request;
    }
}
