package org.ancconnect.esignet.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import org.ancconnect.esignet.StandinConfig;

/** eSignet 1.8's endpoint paths below the configured issuer. */
@ApplicationScoped
public class Endpoints {

    public static final String TOKEN = "/v1/esignet/oauth/v2/token";
    public static final String USERINFO = "/v1/esignet/oidc/userinfo";
    public static final String JWKS = "/v1/esignet/oauth/.well-known/jwks.json";
    public static final String PAR = "/v1/esignet/oauth/par";
    public static final String CLIENT_MANAGEMENT = "/v1/esignet/client-mgmt/client";
    /** Where the mock identity system publishes its userinfo signing key (relying parties configure this URL). */
    public static final String IDENTITY_SYSTEM_JWKS = "/v1/mock-identity-system/.well-known/jwks.json";

    private final String issuer;

    public Endpoints(StandinConfig config) {
        issuer = config.issuer().endsWith("/") ? config.issuer().substring(0, config.issuer().length() - 1) : config.issuer();
    }

    public String issuer() {
        return issuer;
    }

    public String url(String path) {
        return issuer + path;
    }
}
