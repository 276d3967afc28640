package org.ancconnect.identity;

import io.smallrye.config.ConfigMapping;

/**
 * Root of identity-service's own configuration ({@code identity.*}). Feature groups (eSignet tenants, staff directory, sessions, tokens) are added
 * beneath it as the features land.
 */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env IDENTITY_DB_NAME). */
    String dbName();
}
