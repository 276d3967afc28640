package org.ancconnect.esignet.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered clients, in memory: a stand-in restart forgets them, as its tests expect. */
@ApplicationScoped
public class ClientRegistry {

    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();

    /** Registers a new client; false when the id is taken. */
    public boolean register(RegisteredClient client) {
        return clients.putIfAbsent(client.clientId(), client) == null;
    }

    /** Replaces an existing client; false when unknown. */
    public boolean update(RegisteredClient client) {
        return clients.replace(client.clientId(), client) != null;
    }

    public Optional<RegisteredClient> find(String clientId) {
        return Optional.ofNullable(clientId == null ? null : clients.get(clientId));
    }
}
