package org.ancconnect.sync.dhis2;

/** DHIS2 refused a request (4xx other than 408/429): retrying the same request cannot help. */
public class Dhis2Exception extends RuntimeException {

    private final int status;

    public Dhis2Exception(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
