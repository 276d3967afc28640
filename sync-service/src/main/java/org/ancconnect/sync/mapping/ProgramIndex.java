package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the program's metadata says about its attributes and data elements: uids by code and by
 * name (to resolve mapping bindings) and the set of known uids (a payload naming anything else is
 * rejected). Built from DHIS2's {@code GET /api/programs/{id}} with stages and attributes.
 */
public final class ProgramIndex {

    private final Map<String, String> byCode = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Set<String> attributes = new HashSet<>();
    private final Set<String> dataElements = new HashSet<>();
    private final Map<String, String> names = new HashMap<>();
    private String trackedEntityType;

    /** From {@code /api/programs/{id}?fields=programTrackedEntityAttributes[trackedEntityAttribute[id,code,name]],programStages[programStageDataElements[dataElement[id,code,name]]]}. */
    public static ProgramIndex fromDhis2Program(JsonNode program) {
        ProgramIndex index = new ProgramIndex();
        index.trackedEntityType = program.path("trackedEntityType").path("id").asText(null);
        for (JsonNode pta : program.path("programTrackedEntityAttributes")) {
            index.add(pta.path("trackedEntityAttribute"), index.attributes);
        }
        for (JsonNode stage : program.path("programStages")) {
            for (JsonNode psde : stage.path("programStageDataElements")) {
                index.add(psde.path("dataElement"), index.dataElements);
            }
        }
        return index;
    }

    private void add(JsonNode object, Set<String> kind) {
        String uid = object.path("id").asText();
        kind.add(uid);
        if (object.hasNonNull("code")) {
            byCode.put(object.get("code").asText(), uid);
        }
        if (object.hasNonNull("name")) {
            byName.put(object.get("name").asText(), uid);
            names.put(uid, object.get("name").asText());
        }
    }

    /** The uid a binding names, if the program has it. */
    public Optional<String> resolve(MappingFile.Binding b) {
        if (b.uid() != null) {
            return attributes.contains(b.uid()) || dataElements.contains(b.uid()) ? Optional.of(b.uid()) : Optional.empty();
        }
        if (b.code() != null) {
            return Optional.ofNullable(byCode.get(b.code()));
        }
        return Optional.ofNullable(byName.get(b.name()));
    }

    /** The program's tracked entity type (a new registration creates a tracked entity of this type). */
    public Optional<String> trackedEntityType() {
        return Optional.ofNullable(trackedEntityType);
    }

    public boolean isAttribute(String uid) {
        return attributes.contains(uid);
    }

    public boolean isDataElement(String uid) {
        return dataElements.contains(uid);
    }

    /** The display name of a uid, for messages. */
    public String name(String uid) {
        return names.getOrDefault(uid, uid);
    }
}
