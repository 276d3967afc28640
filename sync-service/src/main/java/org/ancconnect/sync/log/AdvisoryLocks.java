package org.ancconnect.sync.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * PostgreSQL session advisory locks keyed by a business key ("tracked-entity:&lt;uid&gt;", "phn:&lt;phn&gt;"):
 * valid across replicas, held on one connection for a whole run, released by PostgreSQL if the process
 * dies. The tracked-entity worker and the patient-event consumer share the "phn:" keys, so they never
 * write one mother's Patient at the same time.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Waits for the lock on {@code key}. */
    public static void lock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            ps.execute();
        }
    }

    /** Releases this session's advisory locks before the pooled connection goes back to the pool. */
    public static void unlockAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            ps.execute();
        }
    }
}
