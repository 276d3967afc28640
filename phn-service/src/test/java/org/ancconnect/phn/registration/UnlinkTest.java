package org.ancconnect.phn.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/** Unlinking a source record: to a new person or a named one, audited, never re-linked, errors as problems. */
@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class UnlinkTest {

    private static final String FACILITY = "DiszpKrYNg8";

    @Inject
    Pool pool;

    private static String token(String role) {
        return TestInternalIssuer.get().staffToken(role.toLowerCase() + "-1", FACILITY, role);
    }

    private static Response as(String role, String path, String body) {
        return given().auth().oauth2(token(role)).contentType(ContentType.JSON).body(body).post(path);
    }

    private static String unlinkBody(String sourceId, String target) {
        return "{\"sourceSystem\":\"dhis2\",\"sourceId\":\"" + sourceId + "\",\"reason\":\"another woman\""
                + (target == null ? "" : ",\"targetPhn\":\"" + target + "\"") + "}";
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aWrongLinkIsDetachedToANewPersonAndNeverReLinked() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String s1 = RegistrationFixtures.sourceId();
        String s2 = RegistrationFixtures.sourceId();
        String sub = "sub-" + RegistrationFixtures.sourceId();
        String a = as("PHM", "/api/registrations", RegistrationFixtures.body(s1, given, family, "")).then()
                .statusCode(201).extract().path("phn");
        // The same demographics from another source, with a maiden name and an eSignet subject: linked to her.
        String second = RegistrationFixtures.body(s2, given, family,
                "\"previousFamilyNames\":[\"Maidenname\"],\"esignetSub\":\"" + sub + "\"");
        as("PHM", "/api/registrations", second).then().statusCode(200).body("outcome", equalTo("LINKED_AUTO"))
                .body("phn", equalTo(a));
        assertThat(names(a)).contains("Maidenname");

        // Only an administrator unlinks; bad input and impossible requests are problems that write nothing.
        as("PHM", "/api/persons/" + a + "/unlink", unlinkBody(s2, null)).then().statusCode(403);
        as("ADMIN", "/api/persons/not-a-phn/unlink", unlinkBody(s2, null)).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("phn"));
        as("ADMIN", "/api/persons/" + a + "/unlink", "{\"sourceSystem\":\"dhis2\",\"sourceId\":\"" + s2 + "\"}")
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody(s2, a)).then().statusCode(400)
                .body("violations.field", hasItem("targetPhn"));
        as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody("no-such-record", null)).then().statusCode(404)
                .contentType("application/problem+json");
        long eventsBefore = count("SELECT count(*) FROM identity_event");

        Response unlinked = as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody(s2, null));
        unlinked.then().statusCode(200).body("phn", equalTo(a)).body("newPerson", equalTo(true))
                .body("toPhn", not(equalTo(a)));
        String b = unlinked.path("toPhn");
        // UNLINK on her, PHN_ISSUED on the new person
        assertThat(count("SELECT count(*) FROM identity_event")).isEqualTo(eventsBefore + 2);

        // Her golden record lost what only the detached record brought; the new person has it.
        assertThat(names(a)).doesNotContain("Maidenname");
        assertThat(names(b)).contains("Maidenname");
        assertThat(count("SELECT count(*) FROM identifier i JOIN person p ON p.id = i.person_id WHERE i.system ="
                + " 'ESIGNET_SUB' AND i.value = $1 AND p.phn = $2", sub, b.replace("-", ""))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox o JOIN person p ON p.id = o.person_id WHERE p.phn = $1"
                + " AND o.event_type = 'patient.registered'", b.replace("-", ""))).isEqualTo(1);

        // The history shows the unlink with before and after images.
        List<Map<String, Object>> history = given().auth().oauth2(token("ADMIN")).get("/api/persons/" + a + "/history")
                .then().statusCode(200).extract().path("findAll { it.kind == 'UNLINK' }");
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.get("before_image")).isNotNull();
            assertThat(e.get("after_image")).isNotNull();
            assertThat(((Map<?, ?>) e.get("details")).get("reason")).isEqualTo("another woman");
        });

        // Never re-linked: a replay answers with the new person, her eSignet subject finds the new person, and
        // the pair cannot be merged.
        as("PHM", "/api/registrations", second).then().statusCode(200).body("phn", equalTo(b))
                .body("replayed", equalTo(true));
        as("PHM", "/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(), "Other", "Name",
                "\"esignetSub\":\"" + sub + "\"")).then().statusCode(200).body("phn", equalTo(b));
        as("ADMIN", "/api/persons/" + a + "/merge", "{\"duplicatePhn\":\"" + b + "\",\"reason\":\"again\"}").then()
                .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("do-not-link"));

        // Her only remaining record cannot be detached; nor can a record from her, once it is someone else's.
        as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody(s1, null)).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("last-source-record"));
        as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody(s2, null)).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("not-linked"));
    }

    @Test
    void aRecordMovesToANamedPersonAndTheFirstRecordCanLeave() {
        String given = RegistrationFixtures.uniqueName();
        String family = RegistrationFixtures.uniqueName();
        String other = RegistrationFixtures.uniqueName();
        String s1 = RegistrationFixtures.sourceId();
        String s2 = RegistrationFixtures.sourceId();
        String a = as("PHM", "/api/registrations", RegistrationFixtures.body(s1, given, family, "")).then()
                .statusCode(201).extract().path("phn");
        String b = as("PHM", "/api/registrations", RegistrationFixtures.body(RegistrationFixtures.sourceId(), other,
                RegistrationFixtures.uniqueName(), "")).then().statusCode(201).extract().path("phn");
        // The second registration, under her maiden name too, links to a.
        as("PHM", "/api/registrations", RegistrationFixtures.body(s2, given, family,
                "\"previousFamilyNames\":[\"Maidenname\"]")).then().statusCode(200).body("phn", equalTo(a));

        // The FIRST record was the wrong woman: it moves to b, and a's golden record is rebuilt from s2.
        as("ADMIN", "/api/persons/" + a + "/unlink", unlinkBody(s1, b)).then().statusCode(200)
                .body("toPhn", equalTo(b)).body("newPerson", equalTo(false));
        assertThat(count("SELECT count(*) FROM source_record s JOIN person p ON p.id = s.person_id WHERE"
                + " s.source_id = $1 AND p.phn = $2 AND s.link_kind = 'MANUAL'", s1, b.replace("-", ""))).isEqualTo(1);
        assertThat(names(a)).contains("Maidenname", family);
        assertThat(names(b)).contains(family);
        List<String> kinds = given().auth().oauth2(token("ADMIN")).get("/api/persons/" + b + "/history").then()
                .statusCode(200).extract().path("kind");
        assertThat(kinds).contains("LINK");
    }

    /** Family names of every name form the person holds. */
    private List<String> names(String phn) {
        List<String> out = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT n.family_name FROM person_name n JOIN person p ON p.id = n.person_id WHERE p.phn = $1")
                .execute(Tuple.of(phn.replace("-", ""))).await().indefinitely().forEach(r -> out.add(r.getString(0)));
        return out;
    }
}
