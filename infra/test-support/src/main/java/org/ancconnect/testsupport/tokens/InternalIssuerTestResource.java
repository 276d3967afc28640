package org.ancconnect.testsupport.tokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service's bearer-token verification ({@code quarkus-oidc}) at {@link TestInternalIssuer}.
 * Use with {@code @QuarkusTestResource(InternalIssuerTestResource.class)} or a test profile.
 */
public class InternalIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInternalIssuer issuer = TestInternalIssuer.get();
        return Map.of("anc.internal-issuer", issuer.issuer(),
                "quarkus.oidc.auth-server-url", issuer.issuer(),
                "quarkus.oidc.token.audience", TestInternalIssuer.AUDIENCE);
    }

    @Override
    public void stop() {
        // The issuer lives for the whole test JVM: several test classes share it and its key.
    }
}
