package org.ancconnect.portal.nehr;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail's way to the NEHR ({@code portal.audit.*}): record views are published to a durable RabbitMQ
 * quorum queue (the publisher confirm awaited before the page renders) and relayed to the NEHR in batches.
 */
@ConfigMapping(prefix = "portal.audit")
public interface AuditConfig {

    /** Broker host. */
    String host();

    /** Broker AMQP port. */
    @WithDefault("5672")
    int port();

    /** Broker user. */
    String username();

    /** Broker password. */
    String password();

    /** Broker virtual host. */
    @WithDefault("/")
    String virtualHost();

    /** Prefix of the exchange and queue names (tests use their own, so they never share a queue). */
    Optional<String> queuePrefix();

    /**
     * Longest wait for the broker's confirm of one AuditEvent; the page shows the 503 page after it. A quorum queue
     * confirms after its Raft log is fsynced, milliseconds on a healthy broker; 2 s covers a busy one.
     */
    @WithDefault("2s")
    Duration confirmTimeout();

    /** After a failed connection attempt, views fail at once (503) for this long instead of each trying again. */
    @WithDefault("1s")
    Duration reconnectBackoff();

    /** Relay settings. */
    Relay relay();

    interface Relay {

        /** Whether this instance relays the queue to the NEHR (every replica may: the queue hands out each message once). */
        @WithDefault("true")
        boolean enabled();

        /**
         * AuditEvents per NEHR transaction. 50 concurrent readers produce at most a few hundred a second; batches of
         * 100 keep that to a few NEHR transactions a second.
         */
        @WithDefault("100")
        int batchSize();

        /**
         * Back-off before a message that failed for a transient reason (NEHR down, timeout, 5xx) is tried again, one
         * tier per attempt; after the last tier it keeps retrying at the last delay (an audit record is never dropped).
         */
        @WithDefault("1s,5s,30s")
        List<Duration> retryDelays();

        /**
         * A replica publishing more record views a second than this is busy: its relay holds the NEHR writes back (the
         * AuditEvents are durable in the queue already) so the pages get the CPU, at most for {@link #maxDeferral()}.
         * 0 relays at once, always. Why 20: relaying one view cost ~6 ms of CPU on the NEHR side (HAPI 4.5 ms +
         * PostgreSQL 1.6 ms, README "Benchmark"), so from 20 views a second on the writes would take over a tenth of a
         * core, which the pages should get first; 50 (the load) was too high a bar on a loaded machine, where
         * the pages ran at 32 a second and the relay competed with them.
         */
        @WithDefault("20")
        int busyViewsPerSecond();

        /**
         * The longest an AuditEvent waits for a quiet moment: once the oldest of a batch is this old the batch is
         * relayed however busy the replica is, so her access log is at most this (plus the NEHR write) behind.
         */
        @WithDefault("60s")
        Duration maxDeferral();

        /** How often the queue depths (metrics) are read from the broker. */
        @WithDefault("5s")
        Duration depthInterval();
    }
}
