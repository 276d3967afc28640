package org.ancconnect.esignet.faults;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One-shot faults armed per client: each fires once on the client's next matching response. */
@ApplicationScoped
public class Faults {

    private final Map<String, Set<Fault>> armed = new ConcurrentHashMap<>();

    public void arm(String clientId, Fault fault) {
        armed.computeIfAbsent(clientId, id -> ConcurrentHashMap.newKeySet()).add(fault);
    }

    /** True (once) when {@code fault} was armed for {@code clientId}. */
    public boolean fire(String clientId, Fault fault) {
        Set<Fault> faults = armed.get(clientId);
        return faults != null && faults.remove(fault);
    }
}
