package org.ancconnect.phn.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.ancconnect.testsupport.tokens.TestInternalIssuer;
import org.junit.jupiter.api.Test;

/**
 * The small in-suite version of the concurrency benchmark: 8 identical registrations released at once,
 * repeated, against the running instance. The two-instance, 1 000-trial run is
 * {@code ConcurrencyBenchmark} (see the README).
 */
@QuarkusTest
@QuarkusTestResource(InternalIssuerTestResource.class)
class ConcurrentRegistrationTest {

    private static final int CLIENTS = 8;
    private static final int TRIALS = 10;

    @TestHTTPResource("/api/registrations")
    URI endpoint;

    @Inject
    Pool pool;

    @Test
    void identicalRetriesOfOneSourceRecordGiveOnePersonAndOnePhn() throws Exception {
        for (int t = 0; t < TRIALS; t++) {
            String given = RegistrationFixtures.uniqueName();
            String body = RegistrationFixtures.body(RegistrationFixtures.sourceId(), given,
                    RegistrationFixtures.uniqueName(), "");
            assertThat(race(List.of(body))).hasSize(1);
            assertThat(persons(given)).isEqualTo(1);
        }
    }

    @Test
    void theSameMotherSentByEightSourcesAtOnceGetsOnePhn() throws Exception {
        for (int t = 0; t < TRIALS; t++) {
            String given = RegistrationFixtures.uniqueName();
            String family = RegistrationFixtures.uniqueName();
            List<String> bodies = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                bodies.add(RegistrationFixtures.body(RegistrationFixtures.sourceId(), given, family, ""));
            }
            assertThat(race(bodies)).hasSize(1);
            assertThat(persons(given)).isEqualTo(1);
        }
    }

    /** Sends CLIENTS requests released together (cycling through bodies); returns the distinct PHNs. */
    private Set<String> race(List<String> bodies) throws Exception {
        String token = TestInternalIssuer.get().staffToken("phm-1", "DiszpKrYNg8", "PHM");
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String body = bodies.get(c % bodies.size());
            results.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
                return new io.vertx.core.json.JsonObject(r.body()).getString("phn");
            }));
        }
        start.countDown();
        Set<String> phns = new HashSet<>();
        for (Future<String> f : results) {
            phns.add(f.get());
        }
        pool.shutdown();
        return phns;
    }

    private long persons(String given) {
        return pool.preparedQuery("SELECT count(*) FROM person WHERE given_names = $1").execute(Tuple.of(given))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
