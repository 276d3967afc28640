package org.ancconnect.phn.events;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The scheduled relay off, so a test drives it (and the outbox holds what the test wrote until then). */
public class ManualRelayProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("phn.events.relay-enabled", "false");
    }
}
