package org.ancconnect.fhirserver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestBenchmarkMainTest {

    @Test
    void jsonOutputCarriesEveryFigureOfEveryRun() throws Exception {
        var one = new IngestBenchmark.Result(1, 30.01, 57, 0, 1.8994, 482.3, 763.1, 1125.0, 7);
        var four = new IngestBenchmark.Result(4, 30.2, 181, 2, 5.993, 625.0, 1077.5, 1379.0, 7);

        JsonNode json = new ObjectMapper().readTree(IngestBenchmarkMain.toJson(
                OffsetDateTime.parse("2026-11-21T07:13:06Z"), URI.create("http://127.0.0.1:1/fhir"), 5,
                List.of(one, four)));

        assertEquals("http://127.0.0.1:1/fhir", json.get("baseUrl").asText());
        assertEquals(5, json.get("bundle").get("observations").asInt());
        JsonNode second = json.get("results").get(1);
        assertEquals(4, second.get("clients").asInt());
        assertEquals(181, second.get("transactions").asLong());
        assertEquals(2, second.get("errors").asLong());
        assertEquals(5.99, second.get("txPerSecond").asDouble());
        assertEquals(41.95, second.get("resourcesPerSecond").asDouble());
        assertEquals(1077.5, second.get("p95Ms").asDouble());
    }
}
