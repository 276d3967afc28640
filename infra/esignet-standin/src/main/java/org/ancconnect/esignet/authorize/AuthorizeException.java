package org.ancconnect.esignet.authorize;

/** A validation failure shown on the stand-in's own error page, never sent to the relying party. */
public class AuthorizeException extends RuntimeException {

    private final String errorCode;

    public AuthorizeException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
