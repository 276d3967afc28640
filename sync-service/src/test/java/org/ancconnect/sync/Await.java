package org.ancconnect.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition of the asynchronous pipeline until it holds or the time is up. */
public final class Await {

    private Await() {
    }

    /** Waits up to 90 s (a cold HAPI JPA server on the shared machine answers its first transactions slowly). */
    public static void until(Supplier<Boolean> condition, String what) {
        until(condition, () -> what);
    }

    /** Waits up to 90 s; on time-out the message says what was awaited and what was last seen. */
    public static void until(Supplier<Boolean> condition, Supplier<String> what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out after 90 s waiting for " + what.get());
    }
}
