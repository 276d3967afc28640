package org.ancconnect.fhirserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The NEHR IG is installed: $validate applies its profiles. */
class ProfileValidationTest {

    static final String IPS_PATIENT = "http://fhir.health.gov.lk/ips/StructureDefinition/ips-patient";
    /** The validator's message for the profile's identifier 2..* cardinality. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String IDENTIFIER_MIN = "Patient.identifier: minimum required = 2, but only found 1";

    @Test
    void phnOnlyPatientViolatesTheIdentifierMinimumOfIpsPatient() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier(phn("1234567890A"));

        List<String> errors = errors(validate(patient));

        assertTrue(errors.stream().anyMatch(e -> e.startsWith(IDENTIFIER_MIN) && e.contains(IPS_PATIENT)),
                "expected the ips-patient identifier cardinality error, got " + errors);
    }

    @Test
    void secondIdentifierSatisfiesTheIdentifierMinimum() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier(phn("1234567890A"));
        patient.addIdentifier(new Identifier()
                .setType(new CodeableConcept(new Coding(
                        "http://fhir.health.gov.lk/ips/CodeSystem/cs-identifier-types", "NIC", null)))
                .setSystem("http://fhir.health.gov.lk/ips/identifier/nic")
                .setValue("199612345678"));

        List<String> errors = errors(validate(patient));

        assertFalse(errors.stream().anyMatch(e -> e.startsWith("Patient.identifier: minimum required")), errors::toString);
        // Still invalid for the profile's other rules (no registration-system extension): proof that the
        // profile itself was applied, not skipped as unknown.
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("Patient.extension: minimum required = 1")
                && e.contains(IPS_PATIENT)), "expected the ips-patient extension error, got " + errors);
    }

    private static Identifier phn(String value) {
        return new Identifier()
                .setType(new CodeableConcept(new Coding(
                        "http://fhir.health.gov.lk/ips/CodeSystem/cs-identifier-types", "PHN", null)))
                .setSystem("http://fhir.health.gov.lk/ips/identifier/phn")
                .setValue(value);
    }

    /**
     * {@code POST Patient/$validate?profile=...} with the Patient as the body. Not the Parameters form:
     * HAPI 8.8.0 turns a {@code profile} given as valueUri/valueCanonical inside Parameters into the
     * string "UriType[...]" and then reports "Failed to retrieve profile" (see the README).
     */
    private static OperationOutcome validate(Patient patient) throws Exception {
        URI uri = URI.create(FhirTestClient.baseUrl() + "/Patient/$validate?profile="
                + URLEncoder.encode(IPS_PATIENT, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(
                        FhirTestClient.CTX.newJsonParser().encodeResourceToString(patient)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return FhirTestClient.CTX.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList();
    }
}
