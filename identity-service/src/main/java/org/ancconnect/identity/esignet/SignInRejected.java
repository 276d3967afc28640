package org.ancconnect.identity.esignet;

/** A sign-in or verification refused after eSignet answered: nothing is created, the reason is audited. */
public class SignInRejected extends RuntimeException {

    private final String reason;

    public SignInRejected(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** Short machine-readable reason, e.g. {@code userinfo_signature}. */
    public String reason() {
        return reason;
    }
}
