package org.ancconnect.esignet.authorize;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.ancconnect.esignet.ExpiringStore;
import org.ancconnect.esignet.StandinConfig;
import org.ancconnect.esignet.token.Grants;

/** Pushed authorization requests (RFC 9126): parameters kept for a single use of their {@code request_uri}. */
@ApplicationScoped
public class ParStore {

    private static final String PREFIX = "urn:ietf:params:oauth:request_uri:";

    private record Pushed(String clientId, Map<String, String> params) {
    }

    private final ExpiringStore<Pushed> pushed = new ExpiringStore<>();
    private final Duration lifetime;

    public ParStore(StandinConfig config) {
        this.lifetime = config.parLifetime();
    }

    /** How long a request_uri stays usable (the PAR response's expires_in). */
    public Duration lifetime() {
        return lifetime;
    }

    public String push(String clientId, Map<String, String> params) {
        String requestUri = PREFIX + Grants.randomToken();
        pushed.put(requestUri, new Pushed(clientId, Map.copyOf(params)), lifetime);
        return requestUri;
    }

    /** The pushed parameters, once, and only for the client that pushed them. */
    Optional<Map<String, String>> take(String requestUri, String clientId) {
        return pushed.take(requestUri).filter(p -> p.clientId().equals(clientId)).map(Pushed::params);
    }
}
