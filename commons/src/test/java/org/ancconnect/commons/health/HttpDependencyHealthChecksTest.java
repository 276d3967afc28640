package org.ancconnect.commons.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HttpDependencyHealthChecksTest {

    @Test
    void configuredDependencyThatIsDownMakesTheServiceNotReady() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'unreachable-dependency' }.status", equalTo("DOWN"));
    }

    @Test
    void dependencyAnswering2xxIsUpAnd5xxIsDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> { ex.sendResponseHeaders(200, -1); ex.close(); });
        server.createContext("/broken", ex -> { ex.sendResponseHeaders(503, -1); ex.close(); });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HealthCheckResponse ok = HttpDependencyHealthChecks.probe("x", base + "/ok", Duration.ofSeconds(2))
                    .await().atMost(Duration.ofSeconds(5));
            HealthCheckResponse broken = HttpDependencyHealthChecks.probe("x", base + "/broken", Duration.ofSeconds(2))
                    .await().atMost(Duration.ofSeconds(5));
            assertThat(ok.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(broken.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            server.stop(0);
        }
    }
}
