package org.ancconnect.identity;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The clock of sessions, one-time codes and signing-key slots. A bean rather than {@code Instant.now()} so tests can
 * move time forward (idle and absolute timeouts, key rotation) without waiting hours.
 */
@ApplicationScoped
public class TimeSource {

    public Instant instant() {
        return Instant.now();
    }

    /** Now, in UTC, as the database columns store it. */
    public OffsetDateTime now() {
        return OffsetDateTime.ofInstant(instant(), ZoneOffset.UTC);
    }
}
