package org.ancconnect.commons.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemExceptionMappersTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void beanValidationNamesEveryInvalidField() {
        given().contentType(ContentType.JSON)
                .body("{\"mother\":{\"name\":\"\",\"birthDate\":\"2999-01-01\"},\"sex\":\"FEMALE\"}")
                .post("/test/problems/register").then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://ancconnect.org/problems/validation"))
                .body("violations.field", hasItems("mother.name", "mother.birthDate"))
                .body("instance", equalTo("/test/problems/register"));
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
        given().contentType(ContentType.JSON)
                .body("{\"mother\":{\"name\":\"Kumari\"},\"sex\":\"UNKNOWN\"}")
                .post("/test/problems/register").then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("violations[0].field", equalTo("sex"))
                .body("violations[0].message", containsString("FEMALE"));
    }

    @Test
    void impossibleDateNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"mother\":{\"name\":\"Kumari\",\"birthDate\":\"1990-02-31\"}}")
                .post("/test/problems/register").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("mother.birthDate"));
    }

    @Test
    void malformedJsonIsA400NotA500() {
        given().contentType(ContentType.JSON).body("{\"mother\": {")
                .post("/test/problems/register").then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(400));
    }

    @Test
    void domainProblemKeepsItsTypeAndStatus() {
        given().get("/test/problems/conflict/R-1").then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://ancconnect.org/problems/duplicate-registration"))
                .body("detail", equalTo("registration R-1 exists already"));
    }

    @Test
    void unexpectedFailureLeaksNothingButATraceId() {
        given().get("/test/problems/boom").then()
                .statusCode(500)
                .contentType(startsWith(PROBLEM))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void wrongMethodIsAProblemToo() {
        given().delete("/test/problems/boom").then()
                .statusCode(405)
                .contentType(startsWith(PROBLEM));
    }
}
