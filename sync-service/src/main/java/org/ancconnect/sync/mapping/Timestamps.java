package org.ancconnect.sync.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * DHIS2 timestamps in, FHIR dateTimes out, for the ~40 of each a 10-event tracked entity carries. DHIS2 writes
 * one fixed form, {@code yyyy-MM-ddTHH:mm:ss.SSS} in the server's zone; that form is read by hand (digits and
 * separators checked, ranges checked by {@link LocalDateTime#of}, as strict as {@link LocalDateTime#parse}),
 * every other form by {@code java.time}. Writing spells what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * spells, for years 0-9999 (other years go through the formatter). {@code java.time}'s general parser and
 * formatter were 11 % of the mapping's CPU samples (JFR, 2026-11-21).
 */
final class Timestamps {

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Timestamps() {
    }

    /**
     * A DHIS2 timestamp as an instant: a date alone is the start of that day, a value with {@code Z} or
     * {@code ±hh:mm} keeps its offset, a zone-less one is in {@code zone}. Throws {@link DateTimeException}
     * when malformed (the caller names the field).
     */
    static Instant parse(String value, ZoneId zone) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        }
        if (hasOffset(value)) {
            return OffsetDateTime.parse(value).toInstant();
        }
        LocalDateTime local = value.length() == 23 ? dhis2Form(value) : null;
        return (local != null ? local : LocalDateTime.parse(value)).atZone(zone).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS}, or null when {@code value} is not in that form (the general parser then decides). */
    private static LocalDateTime dhis2Form(String v) {
        if (v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':'
                || v.charAt(19) != '.') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int milli = digits(v, 20, 23);
        if ((year | month | day | hour | minute | second | milli) < 0) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, milli * 1_000_000);
    }

    /** The decimal value of v[from, to), or -1 when a character is not an ASCII digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** Ends with {@code Z} or a {@code ±hh:mm} offset (what {@link OffsetDateTime#parse} reads), without a regex. */
    static boolean hasOffset(String value) {
        int n = value.length();
        if (n > 0 && value.charAt(n - 1) == 'Z') {
            return true;
        }
        if (n < 6) {
            return false;
        }
        char sign = value.charAt(n - 6);
        return (sign == '+' || sign == '-') && digit(value.charAt(n - 5)) && digit(value.charAt(n - 4)) && value.charAt(n - 3) == ':'
                && digit(value.charAt(n - 2)) && digit(value.charAt(n - 1));
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A FHIR dateTime with the offset {@code zone} has at that instant, as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it. */
    static String format(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return OFFSET.format(instant.atOffset(offset));
        }
        StringBuilder s = new StringBuilder(35);
        pad(s, t.getYear(), 4).append('-');
        pad(s, t.getMonthValue(), 2).append('-');
        pad(s, t.getDayOfMonth(), 2).append('T');
        pad(s, t.getHour(), 2).append(':');
        pad(s, t.getMinute(), 2).append(':');
        pad(s, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            // As the formatter's fraction: nine digits with the trailing zeros dropped.
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            pad(s.append('.'), nano, digits);
        }
        return s.append(offset.getId()).toString();
    }

    private static StringBuilder pad(StringBuilder s, int value, int width) {
        for (int unit = pow10(width - 1); unit > 1 && value < unit; unit /= 10) {
            s.append('0');
        }
        return s.append(value);
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
