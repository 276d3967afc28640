package org.ancconnect.portal;

import io.smallrye.config.ConfigMapping;

/** Root of portal-service's own configuration ({@code portal.*}). */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    /** Base URL of identity-service (sign-in, sessions, patient verification). */
    String identityUrl();

    /** Base URL of phn-service (registry, matching, review queue). */
    String phnUrl();

    /** Base URL of sync-service (DHIS2 visits, sync status). */
    String syncUrl();
}
