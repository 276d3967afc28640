package org.ancconnect.esignet.token;

/** An OAuth error answered as HTTP 400 {@code {error, error_description}}. */
public class TokenError extends RuntimeException {

    private final String error;

    public TokenError(String error, String description) {
        super(description);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
