package org.ancconnect.sync;

import io.smallrye.config.ConfigMapping;

/**
 * Root of sync-service's own configuration ({@code sync.*}). Feature groups (detection, mapping, delivery, aggregates) are added
 * beneath it as the features land.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env SYNC_DB_NAME). */
    String dbName();
}
