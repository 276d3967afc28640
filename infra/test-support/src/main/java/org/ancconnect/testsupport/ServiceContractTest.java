package org.ancconnect.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service of the suite promises operators, checked the same way for each: liveness,
 * readiness with one named check per backing service, Prometheus metrics, OpenAPI with Swagger UI,
 * and RFC 9457 problem+json for errors. A service's test extends this under {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

    /** Names of the readiness checks the service must report (one per backing service). */
    protected abstract List<String> readinessChecks();

    /** The OpenAPI document's title. */
    protected abstract String openApiTitle();

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessReportsEveryBackingService() {
        given().get("/q/health/ready").then()
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/health/live").then().statusCode(200);
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(openApiTitle()));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknownPathIsAProblemDocument() {
        given().accept(ContentType.JSON).get("/api/no-such-resource").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/no-such-resource"));
    }
}
