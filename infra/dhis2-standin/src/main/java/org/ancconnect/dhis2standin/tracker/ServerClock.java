package org.ancconnect.dhis2standin.tracker;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.ancconnect.dhis2standin.StandinConfig;
import org.ancconnect.dhis2standin.web.Dhis2Exception;

/**
 * DHIS2's timestamps: the Tracker API writes them without an offset, in the server's time zone
 * ({@code 2024-03-01T10:15:30.123}), and reads either that form or an ISO instant with an offset.
 */
@ApplicationScoped
public class ServerClock {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final ZoneId zone;

    public ServerClock(StandinConfig config) {
        this.zone = ZoneId.of(config.serverTimeZone());
    }

    public ZoneId zone() {
        return zone;
    }

    public String format(Instant instant) {
        return instant == null ? null : OUT.format(instant.atZone(zone).toLocalDateTime());
    }

    /** Parses a request timestamp: with an offset as given, without one in the server zone, a bare date at midnight. */
    public Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Dhis2Exception.badRequest("Invalid date/time for " + field + ": " + value);
        }
    }
}
