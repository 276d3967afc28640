package org.ancconnect.dhis2standin.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ancconnect.dhis2standin.StandinConfig;

/**
 * The ANC tracker program as DHIS2 holds it, built from anc-program.json (../shared/dhis2): the
 * program, its stages with their data elements, its attributes and org units. Also what the importer
 * validates against (value types, which data elements a stage accepts).
 */
@ApplicationScoped
public class ProgramMetadata {

    /** Data elements of the ANC Visits stage that the Referrals stage also records (anc-program.json notes). */
    private static final List<String> SHARED_WITH_REFERRALS = List.of("Y3xF4qecAVw", "QMCuOLLRHHD", "kLAB3XIylS8",
            "xTsKEMPT2so");

    private final JsonNode source;
    private final ObjectNode program;
    private final String programId;
    private final String trackedEntityType;
    private final Map<String, String> attributeTypes = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> dataElementTypes = new HashMap<>();
    private final Map<String, Set<String>> stageDataElements = new HashMap<>();
    private final Map<String, Boolean> stageRepeatable = new HashMap<>();
    private final Set<String> orgUnits = new LinkedHashSet<>();

    public ProgramMetadata(StandinConfig config, ObjectMapper json) {
        try {
            source = json.readTree(Files.readString(Path.of(config.programFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("ANC program metadata unreadable: " + config.programFile(), e);
        }
        programId = source.path("program").path("id").asText();
        trackedEntityType = source.path("program").path("trackedEntityType").path("id").asText();
        source.path("orgUnits").forEach(ou -> orgUnits.add(ou.path("id").asText()));
        source.path("trackedEntityAttributes").forEach(a -> {
            attributeTypes.put(a.path("id").asText(), a.path("valueType").asText());
            names.put(a.path("id").asText(), a.path("name").asText());
        });
        source.path("programStages").forEach(s -> {
            stageRepeatable.put(s.path("id").asText(), s.path("repeatable").asBoolean());
            stageDataElements.put(s.path("id").asText(), new LinkedHashSet<>());
        });
        source.path("dataElements").forEach(d -> {
            dataElementTypes.put(d.path("id").asText(), d.path("valueType").asText());
            names.put(d.path("id").asText(), d.path("name").asText());
            stageDataElements.get(d.path("programStage").asText()).add(d.path("id").asText());
        });
        String referrals = "aQYZkIhWzeJ";
        if (stageDataElements.containsKey(referrals)) {
            stageDataElements.get(referrals).addAll(SHARED_WITH_REFERRALS);
        }
        program = render(json);
    }

    private ObjectNode render(ObjectMapper json) {
        JsonNode p = source.path("program");
        ObjectNode out = json.createObjectNode();
        out.put("id", programId).put("name", p.path("name").asText()).put("displayName", p.path("name").asText())
                .put("programType", p.path("programType").asText()).put("version", 1);
        ObjectNode tet = out.putObject("trackedEntityType");
        tet.put("id", trackedEntityType).put("name", p.path("trackedEntityType").path("name").asText());
        ArrayNode tetAttributes = tet.putArray("trackedEntityTypeAttributes");
        ArrayNode units = out.putArray("organisationUnits");
        orgUnits.forEach(ou -> units.addObject().put("id", ou));
        ArrayNode attributes = out.putArray("programTrackedEntityAttributes");
        for (JsonNode a : source.path("trackedEntityAttributes")) {
            ObjectNode ref = json.createObjectNode().put("id", a.path("id").asText()).put("name", a.path("name").asText())
                    .put("displayName", a.path("name").asText()).put("valueType", a.path("valueType").asText());
            attributes.addObject().put("mandatory", false).put("displayInList", true).set("trackedEntityAttribute", ref);
            if ("tet".equals(a.path("placement").asText())) {
                tetAttributes.addObject().set("trackedEntityAttribute", ref.deepCopy());
            }
        }
        ArrayNode stages = out.putArray("programStages");
        for (JsonNode s : source.path("programStages")) {
            ObjectNode stage = stages.addObject().put("id", s.path("id").asText()).put("name", s.path("name").asText())
                    .put("displayName", s.path("name").asText()).put("repeatable", s.path("repeatable").asBoolean());
            ArrayNode psdes = stage.putArray("programStageDataElements");
            for (String de : stageDataElements.get(s.path("id").asText())) {
                JsonNode d = dataElement(de).orElseThrow();
                psdes.addObject().put("compulsory", false).set("dataElement", json.createObjectNode()
                        .put("id", de).put("name", d.path("name").asText()).put("displayName", d.path("name").asText())
                        .put("valueType", d.path("valueType").asText())
                        .put("code", d.path("suggestedCode").isNull() ? null : d.path("suggestedCode").asText()));
            }
        }
        return out;
    }

    private Optional<JsonNode> dataElement(String uid) {
        for (JsonNode d : source.path("dataElements")) {
            if (d.path("id").asText().equals(uid)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The program in the shape of {@code GET /api/programs/{id}?fields=*} (a fresh copy). */
    public ObjectNode program() {
        return program.deepCopy();
    }

    public String programId() {
        return programId;
    }

    public String trackedEntityType() {
        return trackedEntityType;
    }

    public Set<String> orgUnits() {
        return orgUnits;
    }

    /** Display name of an attribute or data element, or the uid itself when unknown. */
    public String name(String uid) {
        return names.getOrDefault(uid, uid);
    }

    public Optional<String> attributeType(String uid) {
        return Optional.ofNullable(attributeTypes.get(uid));
    }

    /** Attributes shown on the tracked entity itself when no program is asked for. */
    public boolean isTypeAttribute(String uid) {
        for (JsonNode a : source.path("trackedEntityAttributes")) {
            if (a.path("id").asText().equals(uid)) {
                return "tet".equals(a.path("placement").asText());
            }
        }
        return false;
    }

    public Optional<String> dataElementType(String uid) {
        return Optional.ofNullable(dataElementTypes.get(uid));
    }

    public boolean stageExists(String stage) {
        return stageDataElements.containsKey(stage);
    }

    public boolean stageAccepts(String stage, String dataElement) {
        return stageDataElements.getOrDefault(stage, Set.of()).contains(dataElement);
    }

    public boolean stageRepeatable(String stage) {
        return stageRepeatable.getOrDefault(stage, false);
    }

    /** Data elements of a stage, in metadata order (the generator fills them). */
    public Set<String> stageDataElements(String stage) {
        return stageDataElements.getOrDefault(stage, Set.of());
    }
}
