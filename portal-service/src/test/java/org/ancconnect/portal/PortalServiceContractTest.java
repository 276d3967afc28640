package org.ancconnect.portal;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.ancconnect.testsupport.ServiceContractTest;

@QuarkusTest
class PortalServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("identity-service", "phn-service", "sync-service", "nehr-fhir-server");
    }

    @Override
    protected String openApiTitle() {
        return "ANC Connect portal-service";
    }
}
