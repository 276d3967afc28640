package org.ancconnect.portal.nehr;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the portal reads and writes the NEHR ({@code portal.nehr.*}); the base URL itself is the suite-wide
 * {@code anc.nehr.base-url}.
 */
@ConfigMapping(prefix = "portal.nehr")
public interface NehrConfig {

    /** Time to open a connection to the NEHR. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * Whole-request budget of one NEHR call; a 40-visit record is one search answered in ~100 ms on a quiet
     * machine, so 10 s only trips on a server that is really stuck.
     */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Connections to the NEHR per portal instance (the benchmark's 50 users share them). */
    @WithDefault("32")
    int poolSize();

    /** Identifier system of portal staff (identity-service staff subjects) on NEHR Practitioners. */
    @WithDefault("https://anc-connect.health.gov.lk/identifier/staff")
    String staffSystem();

    /** Identifier system of consultations the portal records (Encounter business identifier). */
    @WithDefault("https://anc-connect.health.gov.lk/identifier/consultation")
    String consultationSystem();

    /** HIN of the organisation on whose behalf the portal records (owner of the portal's Device). */
    @WithDefault("MOH-HIU")
    String organizationHin();

    /** Name of that organisation. */
    @WithDefault("Health Information Unit, Ministry of Health")
    String organizationName();

    /** Provider-location identifier where the portal runs. */
    @WithDefault("MOH-HIU-DC")
    String locationId();

    /** Name of that location. */
    @WithDefault("Ministry of Health data centre")
    String locationName();

    /** SYSTEMID of the portal as an NEHR device-information Device (Observation.device, AuditEvent source). */
    @WithDefault("anc-connect-portal")
    String deviceSystemId();

    /** Identifier system of the eSignet subject on NEHR Patients (sync-service's namespace + "esignet-sub"). */
    @WithDefault("http://dhis2.health.gov.lk/identifier/esignet-sub")
    String esignetSubSystem();
}
