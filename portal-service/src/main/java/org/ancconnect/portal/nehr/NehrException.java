package org.ancconnect.portal.nehr;

/**
 * The NEHR could not answer as needed: unreachable, too slow, or an error status. {@code status} is the HTTP
 * status (0 when there was none). The message names the request and the failure, never record content.
 */
public class NehrException extends RuntimeException {

    private final int status;

    public NehrException(int status, String message) {
        super(message);
        this.status = status;
    }

    public NehrException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
