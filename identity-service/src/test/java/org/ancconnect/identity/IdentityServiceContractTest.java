package org.ancconnect.identity;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.ancconnect.testsupport.ServiceContractTest;

@QuarkusTest
class IdentityServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Database connections health check", "esignet");
    }

    @Override
    protected String openApiTitle() {
        return "ANC Connect identity-service";
    }
}
