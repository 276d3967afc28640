package org.ancconnect.sync.delivery;

/** The NEHR did not answer at all (connection refused, reset, timed out): a failure of the server, not of the message. */
public class NehrUnavailable extends TransientFailure {

    public NehrUnavailable(String message) {
        super(message);
    }
}
