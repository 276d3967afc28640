package org.ancconnect.phn.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.ancconnect.phn.issuance.Phn;
import org.ancconnect.phn.issuance.PhnFormat;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class RegistrationResourceTest {

    private static final String FACILITY = "DiszpKrYNg8";

    @Inject
    Pool pool;

    @Inject
    PhnFormat format;

    static String phm() {
        return TestInternalIssuer.get().staffToken("phm-1", FACILITY, "PHM");
    }

    static Response post(String path, String body) {
        return given().auth().oauth2(phm()).contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void newRegistrationIssuesAPhnAndARetryReturnsTheSameOne() {
        String body = RegistrationFixtures.body(RegistrationFixtures.sourceId(), RegistrationFixtures.uniqueName(),
                RegistrationFixtures.uniqueName(), "");
        String phn = post("/api/registrations", body).then().statusCode(201)
                .body("outcome", equalTo("NEW"))
                .body("phn", matchesPattern("CMBT-[2-9B-DF-HJ-KMNP-TV-Z]{6}-[0-9]"))
                .extract().path("phn");
        post("/api/registrations", body).then().statusCode(200).body("phn", equalTo(phn)).body("replayed", equalTo(true));
        assertThat(format.parse(phn).phn()).isNotNull();
    }

    @Test
    void theSameMotherFromAnotherSourceIsLinkedAutomaticallyWithAnExplanation() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String phn = post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(), given, family, ""))
                .then().statusCode(201).extract().path("phn");
        // Same mother, typo in the given name, registered by another system.
        String typo = given.substring(0, given.length() - 1) + "y";
        post("/api/registrations/resolve", RegistrationFixtures.body(RegistrationFixtures.sourceId(), typo, family, ""))
                .then().statusCode(200)
                .body("outcome", equalTo("LINKED_AUTO"))
                .body("phn", equalTo(phn))
                .body("candidates[0].contributions.field", hasItem("BIRTH_DATE"));
        post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(), typo, family, ""))
                .then().statusCode(200).body("outcome", equalTo("LINKED_AUTO")).body("phn", equalTo(phn));
    }

    @Test
    void aNicConsistentWithBirthDateAndSexLinksDeterministically() {
        String nic = "1995603" + String.format("%05d", (int) (Math.random() * 100_000));
        String phn = post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(),
                RegistrationFixtures.uniqueName(), RegistrationFixtures.uniqueName(), "\"nic\":\"" + nic + "\""))
                .then().statusCode(201).extract().path("phn");
        // Married since, new family name, different spelling of the given name: the NIC decides.
        post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(),
                RegistrationFixtures.uniqueName(), RegistrationFixtures.uniqueName(), "\"nic\":\"" + nic + "\""))
                .then().statusCode(200).body("outcome", equalTo("LINKED_DETERMINISTIC")).body("phn", equalTo(phn));
    }

    @Test
    void checkDigitPassingTyposOfAPhnNeverLinkToAnotherPerson() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String mine = post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(), given, family, ""))
                .then().statusCode(201).extract().path("phn");
        String other = post("/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(),
                RegistrationFixtures.uniqueName(), RegistrationFixtures.uniqueName(), "")).then().statusCode(201)
                .extract().path("phn");
        List<String> presented = new ArrayList<>(typos(format.parse(mine).phn()));
        // The worst case: the typo lands exactly on someone else's PHN.
        presented.add(other);
        assertThat(presented).hasSizeGreaterThan(5);
        for (String typo : presented) {
            Response r = post("/api/registrations/resolve", RegistrationFixtures.body(RegistrationFixtures.sourceId(),
                    given, family, "\"presentedPhn\":\"" + typo + "\""));
            r.then().statusCode(200);
            String linked = r.path("phn");
            assertThat(linked).as("presented " + typo).isIn(mine, null);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"presentedPhn\":\"CMBT-22222-1\"|presentedPhn",
            "\"birthDate\":\"2023-02-30\"|birthDate",
            "\"birthDate\":\"1850-01-01\"|birthDate",
            "\"sex\":\"f\"|sex",
            "\"nic\":\"12345\"|nic",
            "\"familyName\":\"LONG\"|familyName",
            "\"colour\":\"blue\"|colour",
            "\"sourceId\":null|sourceId"})
    void badInputIsAProblemNamingTheFieldAndWritesNothing(String override, String field) {
        String sourceId = RegistrationFixtures.sourceId();
        String body = RegistrationFixtures.body(sourceId, RegistrationFixtures.uniqueName(), "Perera", "");
        override = override.replace("LONG", "x".repeat(101));
        String key = override.substring(1, override.indexOf('"', 1));
        body = body.replaceFirst("\"" + key + "\":(\"[^\"]*\"|null)", override);
        if (!body.contains(override)) {
            body = body.replaceFirst("\\}\\s*$", "," + override + "}");
        }
        post("/api/registrations", body).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem(field));
        long written = pool.preparedQuery("SELECT count(*) FROM source_record WHERE source_id = $1")
                .execute(Tuple.of(sourceId)).await().indefinitely().iterator().next().getLong(0);
        assertThat(written).isZero();
    }

    @Test
    void registrationNeedsAStaffTokenWithARegisteringRole() {
        String body = RegistrationFixtures.body(RegistrationFixtures.sourceId(), "Nimali", "Perera", "");
        given().contentType(ContentType.JSON).body(body).post("/api/registrations").then().statusCode(401);
        given().auth().oauth2(TestInternalIssuer.get().staffToken("doc-1", FACILITY, "DOCTOR"))
                .contentType(ContentType.JSON).body(body).post("/api/registrations").then().statusCode(403);
    }

    /** Every single-character substitution of the PHN that still passes the check digit. */
    private List<String> typos(Phn phn) {
        String value = phn.value();
        List<String> out = new ArrayList<>();
        String alphabet = "23456789BCDFGHJKMNPQRSTVWXYZ";
        for (int i = 4; i < value.length() - 1; i++) {
            for (char c : alphabet.toCharArray()) {
                String t = value.substring(0, i) + c + value.substring(i + 1);
                if (c != value.charAt(i) && format.parse(t).phn() != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
