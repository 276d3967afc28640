package org.ancconnect.portal.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user typed into a form whose session had expired, kept in a sealed cookie ({@link Sealer}: AES-256-GCM,
 * compressed) while she signs in again, so any replica can restore it. The CSRF field is never kept. Personal data in
 * the cookie is unreadable and tamper-evident without the portal's key; it lives 15 minutes.
 */
@ApplicationScoped
public class SavedForms {

    /** Cookie holding the saved form. */
    public static final String COOKIE = "anc_form";

    /** How long a saved form waits for the sign-in: eSignet with OTP takes minutes. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    /** Browsers keep cookies up to 4096 bytes including name and attributes; 3800 leaves room for those. */
    static final int MAX_COOKIE_VALUE = 3800;

    private static final String PURPOSE = "saved-form";

    /** A saved form: the page path it belongs to and its fields. */
    public record Saved(String path, Map<String, List<String>> fields, long savedAt) {
    }

    private final Sealer sealer;
    private final Clock clock;

    @Inject
    public SavedForms(Sealer sealer) {
        this(sealer, Clock.systemUTC());
    }

    SavedForms(Sealer sealer, Clock clock) {
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The cookie value for {@code fields} typed at {@code path}, or empty when it would not fit in a cookie. */
    public Optional<String> seal(String path, Map<String, List<String>> fields) {
        Map<String, List<String>> kept = new LinkedHashMap<>(fields);
        kept.remove(CsrfNames.FIELD);
        String value = sealer.seal(PURPOSE, new Saved(path, kept, clock.millis()));
        return value.length() <= MAX_COOKIE_VALUE ? Optional.of(value) : Optional.empty();
    }

    /** The saved form in a cookie value, when it is authentic and not older than {@link #LIFETIME}. */
    public Optional<Saved> open(String value) {
        if (value == null || value.length() > MAX_COOKIE_VALUE) {
            return Optional.empty();
        }
        return sealer.open(PURPOSE, value, Saved.class)
                .filter(saved -> clock.millis() - saved.savedAt() <= LIFETIME.toMillis());
    }
}
