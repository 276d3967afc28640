package org.ancconnect.portal;

import java.time.Duration;
import java.util.Optional;

/** Configuration for unit tests that build portal beans by hand. */
public final class TestConfig {

    private TestConfig() {
    }

    /** A portal configuration with this client secret and the defaults of application.properties. */
    public static PortalConfig portal(String secret) {
        return new PortalConfig() {
            public String identityUrl() { return "http://127.0.0.1:8081"; }
            public String phnUrl() { return ""; }
            public String syncUrl() { return ""; }
            public String identityClientId() { return "portal"; }
            public String identityClientSecret() { return secret; }
            public String publicUrl() { return "http://127.0.0.1:8080"; }
            public Session session() {
                return new Session() {
                    public Optional<String> secret() { return Optional.empty(); }
                    public Duration tokenCache() { return Duration.ofSeconds(60); }
                    public int cacheSize() { return 10; }
                    public boolean secureCookies() { return true; }
                };
            }
            public Visit visit() { return () -> "visit/anc-visit-stage.json"; }
        };
    }
}
