package org.ancconnect.testsupport.fhir;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus service test at a real NEHR FHIR server:
 * {@code @QuarkusTestResource(FhirServerTestResource.class)}. The server is the JVM-wide
 * {@link SharedFhirServer} (settings there); test classes that need an empty store call
 * {@code FhirServerReset.deleteAllData(SharedFhirServer.baseUrl())} in {@code @BeforeAll}.
 */
public class FhirServerTestResource implements QuarkusTestResourceLifecycleManager {

    /** The configuration key the services read the NEHR base URL from. */
    public static final String BASE_URL_KEY = "anc.nehr.base-url";

    @Override
    public Map<String, String> start() {
        return Map.of(BASE_URL_KEY, SharedFhirServer.baseUrl().toString());
    }

    @Override
    public void stop() {
        // Deliberately empty: the server outlives this test class and is reused by the next one; the
        // shutdown hook registered by FhirServerProcess stops it when the test JVM exits.
    }
}
