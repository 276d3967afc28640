package org.ancconnect.identity.esignet;

import java.util.Set;
import org.ancconnect.identity.IdentityConfig;

/** The three eSignet clients identity-service is, one quarkus-oidc tenant each. */
public enum EsignetFlow {
    STAFF("staff"),
    PATIENT("patient"),
    VERIFY("verify");

    private final String tenant;

    EsignetFlow(String tenant) {
        this.tenant = tenant;
    }

    /** Keystore alias of the client's key; the quarkus-oidc tenant id is {@code esignet-<alias>}. */
    public String tenant() {
        return tenant;
    }

    public String clientId(IdentityConfig.Esignet config) {
        return switch (this) {
            case STAFF -> config.staffClientId();
            case PATIENT -> config.patientClientId();
            case VERIFY -> config.verifyClientId();
        };
    }

    public Set<String> allowedAcrs(IdentityConfig.Esignet config) {
        return switch (this) {
            case STAFF -> config.staffAcrs();
            case PATIENT -> config.patientAcrs();
            case VERIFY -> config.verifyAcrs();
        };
    }
}
