package org.ancconnect.portal.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.clients.IdentityModels;

/**
 * Access tokens per session, reused for a short while ({@code portal.session.token-cache}) so a page does not cost an
 * identity-service round trip, and never past a minute before the token's own expiry. Keyed by the SHA-256 of the
 * session id. A revoked session stays usable here at most that long; every refresh also keeps identity's idle timer
 * running.
 */
@ApplicationScoped
public class SessionCache {

    /** A token is not handed out in its last 60 s, so a page's back-end calls never carry an expiring one. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private record Entry(IdentityModels.SessionView view, Instant refreshAfter) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration reuse;
    private final int capacity;
    private final Clock clock;

    @Inject
    public SessionCache(PortalConfig config) {
        this(config.session().tokenCache(), config.session().cacheSize(), Clock.systemUTC());
    }

    SessionCache(Duration reuse, int capacity, Clock clock) {
        this.reuse = reuse;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The cached session when its token may still be reused, else null. */
    IdentityModels.SessionView fresh(String sessionId) {
        Entry entry = entries.get(PortalKeys.digest(sessionId));
        return entry != null && clock.instant().isBefore(entry.refreshAfter()) ? entry.view() : null;
    }

    void put(String sessionId, IdentityModels.SessionView view) {
        Instant now = clock.instant();
        Instant tokenLimit = now.plusSeconds(view.expiresIn()).minus(EXPIRY_MARGIN);
        Instant byPolicy = now.plus(reuse);
        if (entries.size() >= capacity) {
            entries.values().removeIf(e -> !now.isBefore(e.refreshAfter()));
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(PortalKeys.digest(sessionId), new Entry(view, tokenLimit.isBefore(byPolicy) ? tokenLimit : byPolicy));
    }

    void evict(String sessionId) {
        entries.remove(PortalKeys.digest(sessionId));
    }
}
