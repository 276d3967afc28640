package org.ancconnect.testsupport.suite;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For portal-service's tests: starts {@link Suite} (once per JVM; it outlives test profiles and stops at JVM exit)
 * and hands the portal under test its configuration.
 */
public class SuiteTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Suite.get().portalConfig();
    }

    @Override
    public void stop() {
        // The suite is shared by every test class of the JVM; Suite stops it at JVM exit.
    }
}
