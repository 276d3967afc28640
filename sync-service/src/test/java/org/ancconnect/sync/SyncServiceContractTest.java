package org.ancconnect.sync;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.ancconnect.testsupport.ServiceContractTest;

@QuarkusTest
class SyncServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Database connections health check", "nehr-fhir-server",
                "dhis2", "rabbitmq");
    }

    @Override
    protected String openApiTitle() {
        return "ANC Connect sync-service";
    }
}
