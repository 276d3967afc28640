package org.ancconnect.phn;

import io.smallrye.config.ConfigMapping;

/**
 * Root of phn-service's own configuration ({@code phn.*}). Feature groups (issuance, matching, events) are added
 * beneath it as the features land.
 */
@ConfigMapping(prefix = "phn")
public interface PhnConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env PHN_DB_NAME). */
    String dbName();
}
