package org.ancconnect.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Root of portal-service's own configuration ({@code portal.*}). */
@ConfigMapping(prefix = "portal")
public interface PortalConfig {

    /** Base URL of identity-service (sign-in, sessions, patient verification). */
    String identityUrl();

    /** Base URL of phn-service (registry, matching, review queue). */
    String phnUrl();

    /** Base URL of sync-service (DHIS2 visits, sync status). */
    String syncUrl();

    /** The portal's client id at identity-service's back channel (Basic credential user). */
    @WithDefault("portal")
    String identityClientId();

    /** The portal's client secret at identity-service's back channel (Basic credential password). */
    String identityClientSecret();

    /** Browser-facing base URL of the portal, used in the return URLs given to identity-service. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Browser sessions (cookies, token cache, keys). */
    Session session();

    /** The ANC visit form. */
    Visit visit();

    interface Session {

        /**
         * Key material for CSRF tokens and the encrypted saved-form cookie; when unset it is derived from the
         * identity client secret (one secret fewer to distribute, at the price of rotating both together).
         */
        Optional<String> secret();

        /** How long an internal access token is reused before it is refreshed at identity-service. */
        @WithDefault("60s")
        Duration tokenCache();

        /** Most sessions kept in the token cache of one replica (a cache miss only costs one refresh). */
        @WithDefault("20000")
        int cacheSize();

        /** Mark cookies Secure; browsers treat http://127.0.0.1 and localhost as secure contexts. */
        @WithDefault("true")
        boolean secureCookies();
    }

    interface Visit {

        /** Program stage definition of the ANC visit form (classpath resource or file path). */
        @WithDefault("visit/anc-visit-stage.json")
        String formDefinition();
    }
}
