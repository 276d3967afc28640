package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/** The ANC program's mapping, metadata and users, and recorded tracked-entity payloads, for mapping tests. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ZoneId COLOMBO = ZoneId.of("Asia/Colombo");
    public static final TrackedEntityMapper.Source SOURCE = new TrackedEntityMapper.Source(COLOMBO,
            "eed3d451-4ff5-4193-b951-ffcc68954299", "2.42.1", "http://dhis2.health.gov.lk/identifier/");
    static final Map<String, Dhis2User> USERS = Map.of(
            "admin", new Dhis2User("M5zQapPyTZI", "admin", "System", "Administrator", "+94112000001", null),
            "phm.kamala", new Dhis2User("xE7jOejl9FI", "phm.kamala", "Kamala", "Perera", "+94771234561", null),
            "phm.nirmala", new Dhis2User("ZyjSDLHGPv4", "phm.nirmala", "Nirmala", "Jayasinghe", null, "nirmala@health.example.lk"),
            "phm.tharani", new Dhis2User("Onf73mPD6sL", "phm.tharani", "Tharani", "Sivakumar", "+94771234563", null));

    private static ProgramMapping mapping;

    private Fixtures() {
    }

    public static synchronized ProgramMapping mapping() {
        if (mapping == null) {
            MappingFile file = ProgramMapping.read(JSON, Fixtures.class.getResourceAsStream("/mapping/anc-program.json"));
            mapping = ProgramMapping.resolve(file, ProgramIndex.fromDhis2Program(ancProgramAsDhis2()));
        }
        return mapping;
    }

    /** ../shared/dhis2/anc-program.json reshaped as DHIS2's GET /api/programs/{id} answers. */
    static JsonNode ancProgramAsDhis2() {
        JsonNode source = read(Path.of(System.getProperty("anc.shared.dir", "../../shared"), "dhis2", "anc-program.json"));
        ObjectNode program = JSON.createObjectNode().put("id", source.path("program").path("id").asText());
        program.putObject("trackedEntityType").put("id", source.path("program").path("trackedEntityType").path("id").asText());
        ArrayNode attributes = program.putArray("programTrackedEntityAttributes");
        source.path("trackedEntityAttributes").forEach(a -> attributes.addObject().set("trackedEntityAttribute",
                JSON.createObjectNode().put("id", a.path("id").asText()).put("name", a.path("name").asText())));
        ArrayNode stage = program.putArray("programStages").addObject().putArray("programStageDataElements");
        source.path("dataElements").forEach(d -> stage.addObject().set("dataElement",
                JSON.createObjectNode().put("id", d.path("id").asText()).put("name", d.path("name").asText())));
        return program;
    }

    static ObjectNode recorded(String name) {
        try {
            return (ObjectNode) JSON.readTree(Fixtures.class.getResourceAsStream("/dhis2/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path path) {
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
