package org.ancconnect.identity.esignet;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the relying-party keystore cannot be read: every eSignet sign-in signs its client assertion with
 * these keys. The eSignet tenants are created at their first request ({@link EsignetTenants}), so without this check a
 * wrong keystore file, password or alias would surface at the first sign-in rather than before traffic. The first probe
 * (after the service is live, not before) reads the keystore; once read it is kept (see {@link RelyingPartyKeys}).
 */
@Readiness
@ApplicationScoped
public class RelyingPartyKeysReadiness implements HealthCheck {

    static final String NAME = "relying-party-keys";

    private final RelyingPartyKeys keys;

    public RelyingPartyKeysReadiness(RelyingPartyKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            for (EsignetFlow flow : EsignetFlow.values()) {
                keys.privateKey(flow);
            }
            return HealthCheckResponse.up(NAME);
        } catch (RuntimeException e) {
            // The message names the file and the alias, never the password.
            return HealthCheckResponse.named(NAME).down().withData("error", e.getMessage()).build();
        }
    }
}
