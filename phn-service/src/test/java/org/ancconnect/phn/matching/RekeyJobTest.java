package org.ancconnect.phn.matching;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ancconnect.phn.registration.RegistrationFixtures;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/** Persons keyed by an older normaliser are re-keyed in resumable batches and become findable again. */
@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class RekeyJobTest {

    @Inject
    Pool pool;

    @Inject
    RekeyJob job;

    /** The i-th test mother: her own birth year and dwelling, so the three are no candidates of each other. */
    private static String body(String given, String family, int i) {
        return """
                {"sourceSystem":"dhis2","sourceId":"%s","givenNames":["%s"],"familyName":"%s","birthDate":"%d-03-17",
                 "sex":"female","address":{"line":"%d Lake Road","district":"Matara"}}""".formatted(UUID.randomUUID(),
                given, family, 1985 + 4 * i, 10 + i);
    }

    private static io.restassured.response.Response post(String path, String body) {
        return given().auth().oauth2(TestInternalIssuer.get().staffToken("phm-1", "DiszpKrYNg8", "PHM"))
                .contentType(ContentType.JSON).body(body).post(path);
    }

    private List<String> keys(String phn) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT k.key FROM match_key k JOIN person p ON p.id = k.person_id WHERE p.phn = $1")
                .execute(Tuple.of(phn.replace("-", ""))).await().indefinitely().forEach(r -> out.add(r.getString(0)));
        return out;
    }

    @Test
    void oldKeysAreReplacedInResumableBatchesAndThePersonIsFoundAgain() {
        List<String> phns = new ArrayList<>();
        List<String[]> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String given = RegistrationFixtures.uniqueName();
            String family = RegistrationFixtures.uniqueName();
            names.add(new String[] {given, family});
            phns.add(post("/api/registrations", body(given, family, i)).then().statusCode(201).extract().path("phn"));
        }
        // Bring every person up to date first (earlier runs left persons in the test database).
        assertThat(job.run(500, Integer.MAX_VALUE).await().indefinitely().complete()).isTrue();
        assertThat(job.pendingOlder().await().indefinitely()).isZero();
        Set<String> current = Set.copyOf(keys(phns.get(0)));
        assertThat(current).isNotEmpty().allMatch(k -> k.charAt(1) == (char) ('0' + Normaliser.VERSION));

        // Make the three look as if an older normaliser had keyed them: other keys, version 1.
        for (String phn : phns) {
            String canonical = phn.replace("-", "");
            pool.preparedQuery("DELETE FROM match_key WHERE person_id = (SELECT id FROM person WHERE phn = $1)")
                    .execute(Tuple.of(canonical)).await().indefinitely();
            pool.preparedQuery("INSERT INTO match_key (key, person_id) SELECT 'F1:old:' || phn, id FROM person WHERE phn = $1")
                    .execute(Tuple.of(canonical)).await().indefinitely();
            pool.preparedQuery("UPDATE person SET key_version = 1 WHERE phn = $1").execute(Tuple.of(canonical))
                    .await().indefinitely();
        }
        // Under old keys the current matcher cannot find her: the same mother would get a second PHN.
        post("/api/registrations/resolve", body(names.get(0)[0], names.get(0)[1], 0)).then().statusCode(200)
                .body("outcome", equalTo("NEW"));
        assertThat(job.pendingOlder().await().indefinitely()).isEqualTo(3);

        // One batch of two, then the run stops (as a crash or a deploy would stop it); the next run resumes.
        RekeyJob.Progress first = job.run(2, 1).await().indefinitely();
        assertThat(first.persons()).isEqualTo(2);
        assertThat(first.complete()).isFalse();
        assertThat(job.pendingOlder().await().indefinitely()).isEqualTo(1);
        RekeyJob.Progress rest = job.run(2, Integer.MAX_VALUE).await().indefinitely();
        assertThat(rest.persons()).isEqualTo(1);
        assertThat(rest.complete()).isTrue();
        assertThat(job.pendingOlder().await().indefinitely()).isZero();

        assertThat(Set.copyOf(keys(phns.get(0)))).isEqualTo(current);
        for (String phn : phns) {
            assertThat(keys(phn)).noneMatch(k -> k.startsWith("F1:"));
        }
        post("/api/registrations/resolve", body(names.get(0)[0], names.get(0)[1], 0)).then().statusCode(200)
                .body("outcome", equalTo("LINKED_AUTO")).body("phn", equalTo(phns.get(0)));
        // Nothing left: a further run does nothing.
        assertThat(job.run(2, Integer.MAX_VALUE).await().indefinitely().persons()).isZero();
    }
}
