package org.ancconnect.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The version ids of a transaction answer are read as the regex they replaced read them. */
class NehrClientTest {

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
