package org.ancconnect.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version ids of a transaction answer are read as the regex and the JSON tree they replaced read them. */
class NehrClientTest {

    /**
     * HAPI's transaction-response shape: per entry a response with location, etag, lastModified and an OperationOutcome,
     * a conditional DELETE without a location, and (with return=representation) a resource whose own "location" and
     * "response" fields must not be read.
     */
    private static final String ANSWER = """
            {"resourceType":"Bundle","id":"b1","type":"transaction-response","link":[{"relation":"self","url":"http://h/fhir"}],
             "entry":[
              {"response":{"status":"201 Created","location":"http://h/fhir/Patient/12/_history/1","etag":"1",
                "lastModified":"2026-11-21T22:00:00.000+00:00","outcome":{"resourceType":"OperationOutcome","issue":[{"severity":
                "information","code":"informational","location":["Patient.x"],"details":{"coding":[{"code":"SUCCESSFUL_UPDATE_AS_CREATE"}]},
                "diagnostics":"Successfully created resource Patient/12/_history/1"}]}}},
              {"resource":{"resourceType":"Encounter","id":"7","location":[{"location":{"reference":"Location/3"}}],
                "response":{"location":"Wrong/1/_history/1"}},"response":{"status":"200 OK","location":"Encounter/7/_history/2"}},
              {"response":{"status":"204 No Content","outcome":{"resourceType":"OperationOutcome"}}},
              {"response":{"location":"","status":"200 OK"}},
              "not an object",
              {"fullUrl":"urn:uuid:1","response":{"etag":"W/3","location":"https://nehr.example/fhir/R4/Observation/abc-1/_history/3"}}
             ],
             "total":5}
            """;

    @Test
    void versionsReadOnlyEachEntrysResponseLocation() throws Exception {
        List<String> tree = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(ANSWER).path("entry")) {
            String location = e.path("response").path("location").asText("");
            if (!location.isEmpty()) {
                tree.add(NehrClient.relative(location));
            }
        }
        assertThat(NehrClient.versions(ANSWER.getBytes(StandardCharsets.UTF_8))).isEqualTo(tree)
                .containsExactly("Patient/12/_history/1", "Encounter/7/_history/2", "Observation/abc-1/_history/3");
        assertThat(NehrClient.versions("{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aBodyThatIsNoBundleIsTransientNotAnEmptyAnswer() {
        for (String body : List.of("", "[]", "<html>", "{\"entry\":[{\"response\":")) {
            assertThatThrownBy(() -> NehrClient.versions(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOf(TransientFailure.class);
        }
    }

    @Test
    void relativeLocationsAgreeWithTheRegexTheyReplace() {
        for (String location : List.of("http://127.0.0.1:8090/fhir/Patient/12/_history/1", "Patient/12/_history/3",
                "https://nehr.example/fhir/R4/Observation/abc-1/_history/2", "http://h/fhir/Device/x", "http://h/fhir/A/1/_history/1",
                "http://h/Fhir/MedicationStatement/9/_history/1", "no-slash", "http://h/fhir/Encounter/", "/Patient/1")) {
            assertThat(NehrClient.relative(location)).as(location)
                    .isEqualTo(location.replaceFirst("^.*?/(?=[A-Z][A-Za-z]+/)", ""));
        }
    }
}
