package org.ancconnect.phn.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.ancconnect.phn.registration.RegistrationFixtures;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/** Look-up, review, merge and unmerge of one family of records, through the API with real tokens. */
@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class PersonLifecycleTest {

    private static final String FACILITY = "DiszpKrYNg8";

    private static String token(String role) {
        return TestInternalIssuer.get().staffToken(role.toLowerCase() + "-1", FACILITY, role);
    }

    private static Response as(String role, String body, String path) {
        return given().auth().oauth2(token(role)).contentType(ContentType.JSON).body(body).post(path);
    }

    private static String body(String given, String family, String extra) {
        return """
                {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["%s"],"familyName":"%s","birthDate":"1998-07-21",
                 "sex":"female","address":{"district":"Galle"}%s}""".formatted(UUID.randomUUID(), given, family, extra);
    }

    @Test
    void reviewMergeLookupHistoryAndUnmerge() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String a = as("PHM", body(given, family, ""), "/api/registrations").then().statusCode(201).extract().path("phn");
        // The midwife insists this is another woman (a twin, say): a second person with the same demographics.
        String b = as("PHM", body(given, family, ",\"decision\":{\"action\":\"NEW\"}"), "/api/registrations").then()
                .statusCode(201).body("outcome", equalTo("NEW_MANUAL")).extract().path("phn");
        // A third registration cannot tell them apart: new PHN, queued for review, both candidates explained.
        Response third = as("PHM", body(given, family, ""), "/api/registrations");
        third.then().statusCode(201).body("outcome", equalTo("NEW_PENDING_REVIEW"))
                .body("candidates.phn", hasItems(a, b));
        String c = third.path("phn");
        String reviewId = third.path("reviewId");

        given().auth().oauth2(token("ADMIN")).get("/api/reviews?limit=500").then().statusCode(200)
                .body("id", hasItem(reviewId));
        as("ADMIN", "{\"resolution\":\"SAME_PERSON\",\"phn\":\"" + a + "\"}", "/api/reviews/" + reviewId + "/decision")
                .then().statusCode(200);
        as("ADMIN", "{\"resolution\":\"SAME_PERSON\",\"phn\":\"" + a + "\"}", "/api/reviews/" + reviewId + "/decision")
                .then().statusCode(409);

        // The retired PHN still resolves, to the survivor.
        given().auth().oauth2(token("DOCTOR")).get("/api/persons/" + c).then().statusCode(200)
                .body("phn", equalTo(a)).body("requestedPhn", equalTo(c));

        as("ADMIN", "{\"duplicatePhn\":\"" + b + "\",\"reason\":\"same woman\"}", "/api/persons/" + a + "/merge")
                .then().statusCode(200);
        given().auth().oauth2(token("PHM")).get("/api/persons/" + b).then().statusCode(200).body("phn", equalTo(a));
        List<String> kinds = given().auth().oauth2(token("ADMIN")).get("/api/persons/" + a + "/history").then()
                .statusCode(200).extract().path("kind");
        assertThat(kinds).contains("PHN_ISSUED", "MERGE", "PHN_RETIRED", "REVIEW_RESOLVED");

        as("ADMIN", "{\"duplicatePhn\":\"" + b + "\"}", "/api/persons/" + a + "/unmerge").then().statusCode(200);
        given().auth().oauth2(token("PHM")).get("/api/persons/" + b).then().statusCode(200).body("phn", equalTo(b));
        // Unmerged means different people: merging them again is refused.
        as("ADMIN", "{\"duplicatePhn\":\"" + b + "\",\"reason\":\"again\"}", "/api/persons/" + a + "/merge")
                .then().statusCode(409);
    }

    @Test
    void sideBySideComparisonAndPatientAccess() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String a = as("PHM", body(given, family, ""), "/api/registrations").then().statusCode(201).extract().path("phn");
        as("PHM", "{\"givenNames\":[\"" + given + "\"],\"familyName\":\"Other\",\"birthDate\":\"1998-07-21\"}",
                "/api/persons/" + a + "/compare").then().statusCode(200)
                .body("fields.find { it.field == 'BIRTH_DATE' }.level", equalTo("exact"))
                .body("fields.find { it.field == 'FAMILY_NAME' }.level", equalTo("disagree"));
        given().auth().oauth2(TestInternalIssuer.get().patientToken("sub-x", a)).get("/api/persons/" + a).then()
                .statusCode(200);
        given().auth().oauth2(TestInternalIssuer.get().patientToken("sub-x", a)).get("/api/persons/CMBT-22222B-0")
                .then().statusCode(403);
        given().auth().oauth2(token("PHM")).get("/api/persons?givenName=" + given + "&familyName=" + family
                + "&birthDate=1998-07-21").then().statusCode(200).body("person.phn", hasItem(a));
        given().auth().oauth2(token("PHM")).get("/api/persons/not-a-phn").then().statusCode(400)
                .body("violations.field", hasItem("phn"));
    }

    @Test
    void anEsignetSubjectFindsItsPhnExactlyAndFollowsAMerge() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String sub = "pairwise-" + UUID.randomUUID();
        String verified = as("PHM", body(given, family, ",\"esignetSub\":\"" + sub + "\""), "/api/registrations").then()
                .statusCode(201).extract().path("phn");
        given().auth().oauth2(token("ADMIN")).queryParam("sub", sub).get("/api/persons/by-esignet-sub").then().statusCode(200)
                .body("items.phn", org.hamcrest.Matchers.contains(verified));
        // Same name and birth date but another subject: nothing (no probabilistic guess), and staff roles may not ask.
        given().auth().oauth2(token("ADMIN")).queryParam("sub", "pairwise-" + UUID.randomUUID()).get("/api/persons/by-esignet-sub")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(token("PHM")).queryParam("sub", sub).get("/api/persons/by-esignet-sub").then().statusCode(403);
        given().auth().oauth2(token("ADMIN")).get("/api/persons/by-esignet-sub").then().statusCode(400);

        String survivor = as("PHM", body(given, family, ",\"decision\":{\"action\":\"NEW\"}"), "/api/registrations").then()
                .statusCode(201).extract().path("phn");
        as("ADMIN", "{\"duplicatePhn\":\"" + verified + "\",\"reason\":\"same woman\"}", "/api/persons/" + survivor + "/merge")
                .then().statusCode(200);
        given().auth().oauth2(token("ADMIN")).queryParam("sub", sub).get("/api/persons/by-esignet-sub").then().statusCode(200)
                .body("items.phn", org.hamcrest.Matchers.contains(survivor));
    }
}
