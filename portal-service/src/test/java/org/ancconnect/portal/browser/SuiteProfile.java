package org.ancconnect.portal.browser;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.suite.SuiteTestResource;

/**
 * The portal under test wired to the whole running suite (SuiteTestResource). Every browser test class uses this one
 * profile so the portal starts once per test run. Tokens are reused for two seconds only, so a test that ends a
 * session at identity-service sees the portal notice it quickly.
 */
public class SuiteProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("portal.session.token-cache", "2s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SuiteTestResource.class));
    }
}
