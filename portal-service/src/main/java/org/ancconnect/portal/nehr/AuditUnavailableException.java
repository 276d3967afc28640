package org.ancconnect.portal.nehr;

/**
 * A record view could not be audited durably (the broker is unreachable or did not confirm in time): the record is
 * not shown (the 503 page). The message names the failure, never record content.
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
