package org.ancconnect.esignet;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory values that expire: transactions, codes, access tokens, seen nonces and assertion ids. The stand-in is
 * one process for dev and tests, so memory is the honest store; a restart forgets everything, as a fresh deployment
 * would.
 */
public final class ExpiringStore<V> {

    /** Purging on every put would be quadratic under load; a sweep every 1,000 puts keeps memory bounded cheaply. */
    private static final int SWEEP_EVERY = 1_000;

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private int puts;

    public void put(String key, V value, Duration ttl) {
        entries.put(key, new Entry<>(value, Instant.now().plus(ttl)));
        sweepSometimes();
    }

    /** Stores only if absent (or expired): false means the key was already used. */
    public boolean putIfAbsent(String key, V value, Duration ttl) {
        Instant now = Instant.now();
        Entry<V> fresh = new Entry<>(value, now.plus(ttl));
        Entry<V> previous = entries.compute(key, (k, old) -> old == null || old.expiresAt().isBefore(now) ? fresh : old);
        sweepSometimes();
        return previous == fresh;
    }

    public Optional<V> get(String key) {
        Entry<V> entry = key == null ? null : entries.get(key);
        return entry == null || entry.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(entry.value());
    }

    /** Removes and returns the value: single use. */
    public Optional<V> take(String key) {
        Entry<V> entry = key == null ? null : entries.remove(key);
        return entry == null || entry.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(entry.value());
    }

    private synchronized void sweepSometimes() {
        if (++puts % SWEEP_EVERY == 0) {
            Instant now = Instant.now();
            entries.values().removeIf(e -> e.expiresAt().isBefore(now));
        }
    }
}
