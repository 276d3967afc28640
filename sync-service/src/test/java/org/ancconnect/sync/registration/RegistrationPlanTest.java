package org.ancconnect.sync.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ancconnect.sync.mapping.Fixtures;
import org.ancconnect.sync.mapping.MappingException;
import org.ancconnect.sync.mapping.NehrValidator;
import org.junit.jupiter.api.Test;

/** Patient events to a DHIS2 import and an NEHR bundle, without I/O; the bundle validated against the NEHR IG. */
class RegistrationPlanTest {

    private static final String TET = "MxdEsVAegt5";

    static ObjectNode event(String type, String phn, String facility) {
        ObjectNode e = Fixtures.JSON.createObjectNode().put("eventId", "0b6c1d52-8f7e-4a55-9d0e-3f1f3f2b9a10").put("type", type)
                .put("occurredAt", "2026-03-05T04:30:00Z").put("phn", phn).put("esignetSub", "sub-4f1c0d")
                .put("familyName", "Jayasuriya").put("birthDate", "1993-02-11").put("sex", "female")
                .put("phone", "+94 77 1234567").put("facility", facility);
        e.putArray("givenNames").add("Dilani").add("Kumari");
        e.putArray("retiredPhns");
        e.putObject("address").put("line", "12 Temple Road").put("city", "Kandy").putNull("district");
        return e;
    }

    private static PatientEvent parse(JsonNode body) {
        return PatientEvent.parse(body, null, null);
    }

    @Test
    void aNewMotherGetsATrackedEntityAndAnActiveEnrollmentAtTheFacilityInServerTime() {
        PatientEvent e = parse(event("patient.registered", "LK01ABC1234", "Tnl7qgZh7zL"));
        RegistrationPlan plan = RegistrationPlan.of(e, Fixtures.mapping(), TET, List.of(), Fixtures.COLOMBO);

        assertThat(plan.created()).isTrue();
        assertThat(plan.trackedEntity()).matches("[a-zA-Z][a-zA-Z0-9]{10}")
                .isEqualTo(RegistrationPlan.of(e, Fixtures.mapping(), TET, List.of(), Fixtures.COLOMBO).trackedEntity());
        JsonNode te = plan.payload().path("trackedEntities").get(0);
        assertThat(te.path("orgUnit").asText()).isEqualTo("Tnl7qgZh7zL");
        assertThat(te.path("trackedEntityType").asText()).isEqualTo(TET);
        JsonNode en = te.path("enrollments").get(0);
        assertThat(en.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(en.path("enrolledAt").asText()).isEqualTo("2026-03-05T10:00:00.000");
        assertThat(plan.attributes()).containsEntry("IrUmPkFMDU5", "LK01ABC1234").containsEntry("CJLJmmp8r9g", "sub-4f1c0d")
                .containsEntry("VQl0wK3eqiw", "Dilani Kumari Jayasuriya").containsEntry("p7zizFkC6Lv", "Female")
                .containsEntry("Yie7mOY913J", "1993-02-11").containsEntry("EOMGwaUTMrU", "12 Temple Road, Kandy")
                .doesNotContainKey("M6NNPC3hNrb");
    }

    @Test
    void anExistingMotherKeepsHerTrackedEntityAndActiveEnrollment() throws Exception {
        JsonNode found = Fixtures.JSON.readTree("""
                {"trackedEntity": "Xq1Existing", "orgUnit": "GYBZ1og9bk7", "enrollments": [
                  {"enrollment": "EnOld000001", "program": "eozjj9UivfS", "orgUnit": "GYBZ1og9bk7", "status": "COMPLETED", "enrolledAt": "2024-01-01T08:00:00.000"},
                  {"enrollment": "EnActive001", "program": "eozjj9UivfS", "orgUnit": "GYBZ1og9bk7", "status": "ACTIVE", "enrolledAt": "2025-12-01T08:00:00.000"}]}""");
        PatientEvent e = parse(event("patient.updated", "LK01ABC1234", "Tnl7qgZh7zL"));
        RegistrationPlan plan = RegistrationPlan.of(e, Fixtures.mapping(), TET, List.of(found), Fixtures.COLOMBO);
        assertThat(plan.created()).isFalse();
        assertThat(plan.trackedEntity()).isEqualTo("Xq1Existing");
        assertThat(plan.enrollment()).isEqualTo("EnActive001");
        assertThat(plan.orgUnit()).isEqualTo("GYBZ1og9bk7");
        assertThat(plan.payload().at("/trackedEntities/0/enrollments/0/enrolledAt").asText()).isEqualTo("2025-12-01T08:00:00.000");

        JsonNode completedOnly = Fixtures.JSON.readTree("""
                {"trackedEntity": "Xq1Existing", "orgUnit": "GYBZ1og9bk7", "enrollments": [
                  {"enrollment": "EnOld000001", "program": "eozjj9UivfS", "orgUnit": "GYBZ1og9bk7", "status": "COMPLETED", "enrolledAt": "2024-01-01T08:00:00.000"}]}""");
        RegistrationPlan registered = RegistrationPlan.of(parse(event("patient.registered", "LK01ABC1234", "Tnl7qgZh7zL")),
                Fixtures.mapping(), TET, List.of(completedOnly), Fixtures.COLOMBO);
        assertThat(registered.enrollment()).as("a new pregnancy is a new enrollment").isNotEqualTo("EnOld000001");
        assertThat(registered.orgUnit()).isEqualTo("Tnl7qgZh7zL");
        RegistrationPlan updated = RegistrationPlan.of(e, Fixtures.mapping(), TET, List.of(completedOnly), Fixtures.COLOMBO);
        assertThat(updated.enrollment()).as("an update never opens an enrollment").isEqualTo("EnOld000001");
    }

    @Test
    void aValueRemovedInPhnServiceIsDeletedInDhis2() throws Exception {
        JsonNode found = Fixtures.JSON.readTree("""
                {"trackedEntity": "Xq1Existing", "orgUnit": "GYBZ1og9bk7", "attributes": [{"attribute": "gGAQeOr1Pgu", "value": "+94 77 1234567"}],
                 "enrollments": [{"enrollment": "EnActive001", "program": "eozjj9UivfS", "orgUnit": "GYBZ1og9bk7", "status": "ACTIVE",
                 "enrolledAt": "2025-12-01T08:00:00.000"}]}""");
        ObjectNode noPhone = event("patient.updated", "LK01ABC1234", "Tnl7qgZh7zL");
        noPhone.remove("phone");
        RegistrationPlan plan = RegistrationPlan.of(parse(noPhone), Fixtures.mapping(), TET, List.of(found), Fixtures.COLOMBO);
        JsonNode sent = plan.payload().at("/trackedEntities/0/enrollments/0/attributes");
        List<JsonNode> phone = new java.util.ArrayList<>();
        sent.forEach(a -> {
            if ("gGAQeOr1Pgu".equals(a.path("attribute").asText())) {
                phone.add(a);
            }
        });
        assertThat(phone).as("the phone attribute, sent once, with a null value (DHIS2's delete)").hasSize(1);
        assertThat(phone.get(0).has("value")).isTrue();
        assertThat(phone.get(0).get("value").isNull()).isTrue();
        assertThat(plan.attributes()).doesNotContainKey("gGAQeOr1Pgu");
        assertThat(sent.findValuesAsText("attribute")).as("present values are still sent, each once")
                .containsOnlyOnce("IrUmPkFMDU5", "CJLJmmp8r9g", "gGAQeOr1Pgu");

        RegistrationPlan created = RegistrationPlan.of(parse(noPhone), Fixtures.mapping(), TET, List.of(), Fixtures.COLOMBO);
        assertThat(created.payload().at("/trackedEntities/0/enrollments/0/attributes").findValuesAsText("attribute"))
                .as("a new tracked entity has nothing to delete").doesNotContain("gGAQeOr1Pgu");
    }

    @Test
    void badEventsNameTheField() {
        assertThatThrownBy(() -> RegistrationPlan.of(parse(event("patient.registered", "LK01ABC1234", null)), Fixtures.mapping(), TET,
                List.of(), Fixtures.COLOMBO)).isInstanceOf(MappingException.class).hasMessageStartingWith("facility:");
        ObjectNode noPhn = event("patient.registered", "x", "Tnl7qgZh7zL");
        noPhn.remove("phn");
        assertThatThrownBy(() -> parse(noPhn)).hasMessageStartingWith("phn: missing");
        assertThatThrownBy(() -> parse(event("patient.registered", "LK01ABC1234", "Tnl7qgZh7zL").put("sex", "F")))
                .hasMessageStartingWith("sex:");
        assertThatThrownBy(() -> parse(event("patient.registered", "LK01ABC1234", "Tnl7qgZh7zL").put("birthDate", "11/02/1993")))
                .hasMessageStartingWith("birthDate:");
        assertThatThrownBy(() -> parse(event("patient.merged", "LK01ABC1234", "Tnl7qgZh7zL")))
                .hasMessageStartingWith("retiredPhns:");
        assertThatThrownBy(() -> parse(event("patient.deleted", "LK01ABC1234", "Tnl7qgZh7zL"))).hasMessageStartingWith("ce-type:");
    }

    @Test
    void theSurvivorsPatientAndARetiredPatientConformToTheNehrIg() throws Exception {
        PatientEvent e = parse(event("patient.registered", "LK01ABC1234", "Tnl7qgZh7zL"));
        RegistrationPlan plan = RegistrationPlan.of(e, Fixtures.mapping(), TET, List.of(), Fixtures.COLOMBO);
        ObjectNode bundle = NehrPatients.survivor(plan, Fixtures.mapping(), Fixtures.SOURCE);
        JsonNode patient = patient(bundle, "Patient?identifier=" + NehrPatients.PHN + "|LK01ABC1234");
        assertThat(patient.path("identifier").findValuesAsText("value")).contains("LK01ABC1234", plan.trackedEntity(), "sub-4f1c0d");

        JsonNode retired = Fixtures.JSON.readTree("""
                {"resourceType": "Patient", "id": "4bb9", "meta": {"versionId": "3", "profile": ["http://fhir.health.gov.lk/ips/StructureDefinition/ips-patient"]},
                 "extension": %s,
                 "identifier": [{"system": "http://fhir.health.gov.lk/ips/identifier/phn", "value": "LK01OLD0001",
                                 "type": {"coding": [{"system": "http://fhir.health.gov.lk/ips/CodeSystem/cs-identifier-types", "code": "PHN"}], "text": "Personal Health Number"}},
                                {"system": "http://dhis2.health.gov.lk/identifier/tracked-entity", "value": "OldTe000001"}],
                 "active": true, "name": [{"family": "Jayasuriya", "given": ["Dilani"]}], "gender": "female", "birthDate": "1993-02-11"}
                """.formatted(patient.path("extension")));
        NehrPatients.retire(bundle, retired, "LK01OLD0001", "http://nehr.example/fhir");
        JsonNode old = patient(bundle, "Patient/4bb9");
        assertThat(old.path("active").asBoolean()).isFalse();
        assertThat(old.at("/link/0/type").asText()).isEqualTo("replaced-by");
        assertThat(old.at("/link/0/other/reference").asText()).startsWith("urn:uuid:");
        assertThat(old.path("identifier").findValuesAsText("value")).containsExactly("LK01OLD0001", "LK01OLD0001");
        assertThat(NehrValidator.get().errors(bundle.toString())).isEmpty();
    }

    private static JsonNode patient(JsonNode bundle, String url) {
        for (JsonNode entry : bundle.path("entry")) {
            if (url.equals(entry.at("/request/url").asText())) {
                return entry.path("resource");
            }
        }
        throw new AssertionError("no entry " + url + " in " + bundle);
    }
}
