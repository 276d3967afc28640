package org.ancconnect.sync.mapping;

import java.util.List;
import java.util.Map;

/**
 * A per-program mapping file (JSON) as written by an implementer: which DHIS2 attributes and data
 * elements become which FHIR elements and resources. Bindings name a DHIS2 object by {@code uid},
 * {@code code} or {@code name}; {@link ProgramMapping} resolves them against the program's metadata.
 */
public record MappingFile(String description, String program, List<String> syncEventStatuses,
        RegistrationSystem registrationSystem, Map<String, Facility> facilities, PatientBindings patient,
        Map<String, Stage> stages, BloodPressure bloodPressure, List<Target> targets, Integer appointmentMinutes) {

    /** A reference to a DHIS2 attribute or data element by one of uid, code or name. */
    public record Binding(String uid, String code, String name, Map<String, String> values) {

        @Override
        public String toString() {
            return uid != null ? uid : code != null ? "code " + code : "name '" + name + "'";
        }
    }

    public record Coding(String system, String code, String display) {
    }

    public record Unit(String code, String display) {
    }

    /** The DHIS2 instance as the NEHR's registration-system Device, its owner and where it runs. */
    public record RegistrationSystem(String name, String ownerHin, String ownerName, String locationId, String locationName) {
    }

    /** An org unit as an NEHR Organization (health institution number, name). */
    public record Facility(String hin, String name) {
    }

    public record PatientBindings(Binding phn, Binding nic, Binding esignetSub, Binding fullName, Binding birthDate,
            Binding gender, Binding phone, Binding address) {
    }

    /** Per program stage: the Encounter type, and the Appointment type for scheduled events. */
    public record Stage(Coding encounter, Coding appointment) {
    }

    public record BloodPressure(Binding systolic, Binding diastolic) {
    }

    /**
     * One data element to one FHIR resource. {@code resource}: Observation, Condition,
     * MedicationStatement, Immunization. {@code value} (Observation): integer, quantity, boolean,
     * string, dateTime. {@code category}: an observation-category code.
     */
    public record Target(Binding dataElement, String resource, String category, String value, Unit unit, Coding code) {
    }
}
