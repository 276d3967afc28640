package org.ancconnect.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written DHIS2 timestamp reader and FHIR dateTime writer agree with java.time on every input. */
class TimestampsTest {

    /** Zones with half-hour, 45-minute, negative, zero and DST offsets, and with second-precision offsets before 1972. */
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Colombo"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("UTC"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Europe/London"), ZoneId.of("Africa/Monrovia"), ZoneId.of("Pacific/Chatham"));

    @Test
    void writesWhatTheIsoOffsetFormatterWrites() {
        Random random = new Random(20261121);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        int[] nanos = {0, 1, 10, 500_000_000, 123_000_000, 120_000_000, 100_000, 999_999_999, 7_000};
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    i % 3 == 0 ? random.nextInt(1_000_000_000) : nanos[random.nextInt(nanos.length)]);
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            assertThat(Timestamps.format(instant, zone)).as("%s in %s", instant, zone)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime()));
        }
        assertThat(Timestamps.format(Instant.parse("2026-03-01T02:45:00Z"), ZoneId.of("Asia/Colombo"))).isEqualTo("2026-03-01T08:15:00+05:30");
        assertThat(Timestamps.format(Instant.parse("2026-03-01T02:45:00.5Z"), ZoneId.of("UTC"))).isEqualTo("2026-03-01T02:45:00.5Z");
        assertThat(Timestamps.format(Instant.parse("+12026-03-01T02:45:00Z"), ZoneId.of("UTC"))).isEqualTo("+12026-03-01T02:45:00Z");
    }

    @Test
    void readsDhis2sFixedFormExactlyAsJavaTimeAndRejectsWhatItRejects() {
        Random random = new Random(20261122);
        for (int i = 0; i < 100_000; i++) {
            // Fields drawn past their ranges (month 13, day 31 of February, hour 24) as often as inside them.
            String value = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d", 1990 + random.nextInt(60), random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(61), random.nextInt(61), random.nextInt(1000));
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant expected;
            try {
                expected = LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                assertThatThrownBy(() -> Timestamps.parse(value, zone)).as(value).isInstanceOf(DateTimeException.class);
                continue;
            }
            assertThat(Timestamps.parse(value, zone)).as("%s in %s", value, zone).isEqualTo(expected);
        }
    }

    @Test
    void otherFormsGoThroughJavaTime() {
        ZoneId colombo = ZoneId.of("Asia/Colombo");
        assertThat(Timestamps.parse("2025-02-07T10:00:00.000", colombo)).isEqualTo(Instant.parse("2025-02-07T04:30:00Z"));
        assertThat(Timestamps.parse("2025-02-07T10:00:00", colombo)).isEqualTo(Instant.parse("2025-02-07T04:30:00Z"));
        assertThat(Timestamps.parse("2025-02-07T10:00", colombo)).isEqualTo(Instant.parse("2025-02-07T04:30:00Z"));
        assertThat(Timestamps.parse("2025-02-07T10:00:00.123456", colombo)).isEqualTo(Instant.parse("2025-02-07T04:30:00.123456Z"));
        assertThat(Timestamps.parse("2025-02-07T10:00:00.000+01:00", colombo)).isEqualTo(Instant.parse("2025-02-07T09:00:00Z"));
        assertThat(Timestamps.parse("2025-02-07", colombo)).isEqualTo(Instant.parse("2025-02-06T18:30:00Z"));
        for (String bad : List.of("2025-02-07 10:00:00.000", "2025-02-07T10:00:00,000", "2025-02-07T1O:00:00.000", "2025-02-30T10:00:00.000",
                "２０２５-02-07T10:00:00.000", "-025-02-07T10:00:00.000", "2025-02-07T10:00:00.00Z0")) {
            assertThatThrownBy(() -> Timestamps.parse(bad, colombo)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
