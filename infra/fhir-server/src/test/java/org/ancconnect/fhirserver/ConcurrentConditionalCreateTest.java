package org.ancconnect.fhirserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ancconnect.fhirserver.bench.AncVisitBundles;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Four sync workers upserting the same new mother at the same moment (what two replicas processing
 * the same tracked entity would do without the entity lock) must never create two Patients.
 */
class ConcurrentConditionalCreateTest {

    private static final int CLIENTS = 4;
    /** 200/201: the upsert won or saw the winner's row; 409/412: HAPI refused a racing duplicate create. */
    private static final Set<Integer> ACCEPTABLE = Set.of(200, 201, 409, 412);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RepeatedTest(3)
    void concurrentConditionalPutsCreateExactlyOnePatient() throws Exception {
        String phn = "RACE" + UUID.randomUUID().toString().substring(0, 8);
        String matchUrl = "Patient?identifier=" + AncVisitBundles.PHN_SYSTEM + "|" + phn;
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(AncVisitBundles.PHN_SYSTEM).setValue(phn));
        patient.addName().setFamily("Fernando").addGiven("Kumari");
        String body = FhirTestClient.CTX.newJsonParser().encodeResourceToString(patient);
        URI uri = URI.create(FhirTestClient.baseUrl() + "/Patient?identifier="
                + URLEncoder.encode(AncVisitBundles.PHN_SYSTEM + "|" + phn, StandardCharsets.UTF_8));

        CyclicBarrier start = new CyclicBarrier(CLIENTS);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                results.add(pool.submit(() -> {
                    HttpRequest put = HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/fhir+json")
                            .timeout(Duration.ofSeconds(60))
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                    start.await();
                    return http.send(put, HttpResponse.BodyHandlers.ofString());
                }));
            }
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> response = result.get();
                statuses.add(response.statusCode());
                assertTrue(ACCEPTABLE.contains(response.statusCode()),
                        "unexpected HTTP " + response.statusCode() + ": " + response.body());
            }
        }
        record(phn, statuses);

        assertEquals(1, FhirTestClient.count(matchUrl), "Patients with PHN " + phn + " (statuses " + statuses + ")");
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "exactly one create: " + statuses);
    }

    /** Keeps the observed status codes in target/ for the README's record of HAPI's behaviour. */
    private static void record(String phn, List<Integer> statuses) throws IOException {
        Path file = Path.of("target", "concurrent-conditional-put-statuses.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, phn + " " + statuses.stream().sorted().toList() + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("Concurrent conditional PUT statuses: " + statuses);
    }
}
