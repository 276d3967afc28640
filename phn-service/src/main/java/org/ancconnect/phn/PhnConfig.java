package org.ancconnect.phn;

import io.smallrye.config.ConfigMapping;
import org.ancconnect.phn.issuance.IssuanceConfig;
import org.ancconnect.phn.matching.MatchingConfig;
import org.ancconnect.phn.registration.RegistrationConfig;
import org.ancconnect.phn.events.EventsConfig;

/** Root of phn-service's own configuration ({@code phn.*}); each feature owns a group beneath it. */
@ConfigMapping(prefix = "phn")
public interface PhnConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env PHN_DB_NAME). */
    String dbName();

    /** PHN format and issuance. */
    IssuanceConfig issuance();

    /** Matching thresholds, guards and parameters. */
    MatchingConfig matching();

    /** Registration. */
    RegistrationConfig registration();

    /** Patient events and their outbox relay. */
    EventsConfig events();
}
