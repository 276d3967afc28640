package org.ancconnect.phn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.ancconnect.testsupport.ServiceContractTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PhnServiceContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Database connections health check");
    }

    @Override
    protected String openApiTitle() {
        return "ANC Connect phn-service";
    }

    @Test
    void readyAgainstTheLocalPostgresql() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
