package org.ancconnect.portal.nehr;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the relay holds the NEHR writes back for the pages, and that it never holds an AuditEvent past the bound. */
class AuditRelayHoldTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void aQuietReplicaRelaysAtOnce() {
        assertThat(AuditRelay.hold(12, 50, NOW.minusSeconds(1), MAX, NOW)).isFalse();
        assertThat(AuditRelay.hold(50, 50, NOW.minusSeconds(1), MAX, NOW)).as("at the threshold").isFalse();
    }

    @Test
    void aBusyReplicaHoldsUntilTheOldestEventReachesTheBound() {
        assertThat(AuditRelay.hold(400, 50, NOW.minusSeconds(1), MAX, NOW)).isTrue();
        assertThat(AuditRelay.hold(400, 50, NOW.minusSeconds(59), MAX, NOW)).isTrue();
        assertThat(AuditRelay.hold(400, 50, NOW.minusSeconds(60), MAX, NOW)).as("60 s old: relayed however busy").isFalse();
    }

    @Test
    void zeroTurnsTheHoldOff() {
        assertThat(AuditRelay.hold(10_000, 0, NOW, MAX, NOW)).isFalse();
    }

    @Test
    void theViewTimeIsThePublishersCloudEventsTime() {
        AMQP.BasicProperties published = AuditBroker.properties("id-1");
        Instant viewed = AuditRelay.viewedAt(published);
        assertThat(viewed).isBetween(Instant.now().minusSeconds(5), Instant.now());
        assertThat(AuditRelay.viewedAt(new AMQP.BasicProperties.Builder().headers(Map.of("ce-time", "2026-11-21T09:59:00Z")).build()))
                .isEqualTo(Instant.parse("2026-11-21T09:59:00Z"));
        // A message without (or with a broken) ce-time counts as viewed now: it is held at most the bound from now.
        assertThat(AuditRelay.viewedAt(new AMQP.BasicProperties.Builder().build())).isAfter(Instant.now().minusSeconds(5));
        assertThat(AuditRelay.viewedAt(new AMQP.BasicProperties.Builder().headers(Map.of("ce-time", "yesterday")).build()))
                .isAfter(Instant.now().minusSeconds(5));
    }
}
