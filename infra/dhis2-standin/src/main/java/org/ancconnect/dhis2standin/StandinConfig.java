package org.ancconnect.dhis2standin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Configuration of the DHIS2 stand-in ({@code standin.*}). Dev/test only. */
@ConfigMapping(prefix = "standin")
public interface StandinConfig {

    /** Name of the stand-in's own PostgreSQL database, created if missing. */
    String dbName();

    /** DHIS2 version reported by system/info; its minor version selects the envelope dialect. */
    @WithDefault("2.41.3")
    String version();

    /** Zone of the zone-less timestamps the API returns and accepts (system/info serverTimeZoneId). */
    @WithDefault("Asia/Colombo")
    String serverTimeZone();

    /** systemId reported by system/info. */
    String systemId();

    /** Path of the ANC program metadata (anc-program.json of ../shared/dhis2). */
    String programFile();

    /** Personal access tokens ("ApiToken" auth scheme) mapped to the username they act as. */
    Map<String, String> apiTokens();

    /** True when this instance answers with the 2.40 envelopes ("instances", flat paging fields). */
    default boolean legacyEnvelope() {
        return minorVersion() <= 40;
    }

    /** The minor version, 40 for "2.40.5". */
    default int minorVersion() {
        String[] parts = version().split("\\.");
        return Integer.parseInt(parts[1]);
    }
}
