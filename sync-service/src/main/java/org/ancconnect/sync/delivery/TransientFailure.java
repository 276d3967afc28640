package org.ancconnect.sync.delivery;

/** A failure worth retrying later (unreachable or overloaded DHIS2/NEHR, a concurrent-create conflict). */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }
}
