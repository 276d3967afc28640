package org.ancconnect.phn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

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

    @Test
    void brokerReachabilityIsReportedAsWellnessNotReadiness() {
        // The outbox lets registrations continue through a broker outage: RabbitMQ must not gate readiness.
        given().get("/q/health/ready").then().body("checks.name", not(hasItem("rabbitmq")));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'rabbitmq' }.status", equalTo("UP"));
    }
}
