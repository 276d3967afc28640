package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping file resolved against the program's metadata: every binding is a uid the program has,
 * data-element targets are indexed by uid. Resolution fails loudly at start-up, never per message.
 */
public final class ProgramMapping {

    /** A patient-field binding resolved to an attribute uid, with its optional value table. */
    public record AttributeRef(String uid, Map<String, String> values) {
    }

    private static final Set<String> RESOURCES = Set.of("Observation", "Condition", "MedicationStatement", "Immunization");
    private static final Set<String> VALUE_TYPES = Set.of("integer", "quantity", "boolean", "string", "dateTime");

    private final MappingFile file;
    private final ProgramIndex index;
    private final Map<String, AttributeRef> patient = new HashMap<>();
    private final Map<String, MappingFile.Target> targets = new HashMap<>();
    /** The CodeableConcept of every coding of the file, built once per program and shared read-only by every bundle. */
    private final Map<MappingFile.Coding, ObjectNode> concepts = new HashMap<>();
    private final String systolic;
    private final String diastolic;

    private ProgramMapping(MappingFile file, ProgramIndex index) {
        this.file = file;
        this.index = index;
        MappingFile.PatientBindings p = file.patient();
        attribute("phn", p.phn(), true);
        attribute("fullName", p.fullName(), true);
        attribute("birthDate", p.birthDate(), true);
        attribute("gender", p.gender(), true);
        attribute("nic", p.nic(), false);
        attribute("esignetSub", p.esignetSub(), false);
        attribute("phone", p.phone(), false);
        attribute("address", p.address(), false);
        for (MappingFile.Target t : file.targets()) {
            if (!RESOURCES.contains(t.resource())) {
                throw new IllegalStateException("Mapping target " + t.dataElement() + ": unknown resource " + t.resource());
            }
            if ("Observation".equals(t.resource()) && !VALUE_TYPES.contains(t.value())) {
                throw new IllegalStateException("Mapping target " + t.dataElement() + ": unknown value type " + t.value());
            }
            targets.put(dataElement(t.dataElement()), t);
            addConcept(t.code());
        }
        file.stages().values().forEach(stage -> {
            addConcept(stage.encounter());
            addConcept(stage.appointment());
        });
        if (file.appointmentMinutes() == null || file.appointmentMinutes() < 1) {
            throw new IllegalStateException("Mapping of program " + file.program() + ": appointmentMinutes is required");
        }
        systolic = dataElement(file.bloodPressure().systolic());
        diastolic = dataElement(file.bloodPressure().diastolic());
    }

    public static ProgramMapping resolve(MappingFile file, ProgramIndex index) {
        return new ProgramMapping(file, index);
    }

    /** Reads a mapping file from the classpath ({@code mapping/<name>.json}) or any stream. */
    public static MappingFile read(ObjectMapper json, InputStream in) {
        try (in) {
            return json.readValue(in, MappingFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable mapping file", e);
        }
    }

    private void attribute(String field, MappingFile.Binding b, boolean required) {
        if (b == null) {
            if (required) {
                throw new IllegalStateException("Mapping of program " + file.program() + ": patient." + field + " is required");
            }
            return;
        }
        String uid = index.resolve(b).filter(index::isAttribute).orElseThrow(() -> new IllegalStateException(
                "Mapping of program " + file.program() + ": patient." + field + " names attribute " + b
                        + ", which the program does not have"));
        patient.put(field, new AttributeRef(uid, b.values() == null ? Map.of() : b.values()));
    }

    private String dataElement(MappingFile.Binding b) {
        return index.resolve(b).filter(index::isDataElement).orElseThrow(() -> new IllegalStateException(
                "Mapping of program " + file.program() + " names data element " + b + ", which the program does not have"));
    }

    public String program() {
        return file.program();
    }

    public MappingFile file() {
        return file;
    }

    public ProgramIndex index() {
        return index;
    }

    /** The attribute bound to a patient field (phn, fullName, birthDate, gender, nic, esignetSub, phone, address). */
    public AttributeRef patient(String field) {
        return patient.get(field);
    }

    private void addConcept(MappingFile.Coding coding) {
        if (coding != null) {
            concepts.computeIfAbsent(coding, c -> Fhir.readOnly(Fhir.concept(c)));
        }
    }

    /**
     * The CodeableConcept of a coding of this mapping file (system, code, display, display as text). The map is
     * complete once the constructor ran and never changes after: workers share it without locking.
     */
    ObjectNode concept(MappingFile.Coding coding) {
        ObjectNode concept = concepts.get(coding);
        return concept != null ? concept : Fhir.concept(coding);
    }

    public MappingFile.Target target(String dataElement) {
        return targets.get(dataElement);
    }

    public String systolic() {
        return systolic;
    }

    public String diastolic() {
        return diastolic;
    }

    public List<String> syncEventStatuses() {
        return file.syncEventStatuses();
    }

    public MappingFile.Stage stage(String uid) {
        return file.stages().get(uid);
    }

    public MappingFile.Facility facility(String orgUnit) {
        return file.facilities().get(orgUnit);
    }

    public int appointmentMinutes() {
        return file.appointmentMinutes();
    }
}
