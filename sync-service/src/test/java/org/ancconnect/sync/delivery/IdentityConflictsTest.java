package org.ancconnect.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ancconnect.sync.mapping.Fixtures;
import org.ancconnect.sync.mapping.TrackedEntityMapper;
import org.junit.jupiter.api.Test;

/** A 409 is a permanent identity conflict only when an identifier of the written Patient is on another PHN's Patient. */
class IdentityConflictsTest {

    private static final String PHN = TrackedEntityMapper.PHN_SYSTEM;
    private static final String SUB = "http://dhis2.health.gov.lk/identifier/esignet-sub";

    /** A transaction upserting the Patient of {@code phn} with an eSignet sub and a tracked-entity identifier. */
    private static ObjectNode bundle(String phn, String sub) {
        ObjectNode bundle = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
        ObjectNode entry = bundle.putArray("entry").addObject();
        entry.put("fullUrl", "urn:uuid:6b1f3f0e-5d2a-4c7e-9a51-2f4f8f0c1d3a");
        ObjectNode patient = entry.putObject("resource").put("resourceType", "Patient");
        patient.putArray("identifier").add(identifier(PHN, phn)).add(identifier("http://dhis2.health.gov.lk/identifier/tracked-entity",
                "Xn2Tq7bRk1a")).add(identifier(SUB, sub));
        entry.putObject("request").put("method", "PUT").put("url", "Patient?identifier=" + PHN + "|" + phn);
        return bundle;
    }

    private static ObjectNode identifier(String system, String value) {
        return Fixtures.JSON.createObjectNode().put("system", system).put("value", value);
    }

    private static JsonNode patientOf(String phn) {
        ObjectNode p = Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "42");
        p.putArray("identifier").add(identifier(PHN, phn));
        return p;
    }

    private final Map<String, JsonNode> nehr = new HashMap<>();
    private final java.util.List<String> asked = new java.util.ArrayList<>();

    private Optional<String> find(ObjectNode bundle, Set<String> own) {
        return IdentityConflicts.find(bundle, PHN, own, id -> {
            asked.add(id);
            return Optional.ofNullable(nehr.get(id));
        });
    }

    @Test
    void anIdentifierOnAnotherPhnsPatientIsAConflictNamingTheSystemOnly() {
        nehr.put(SUB + "|sub-7731", patientOf("LK01OTHER99"));
        Optional<String> conflict = find(bundle("LK01ABC1234", "sub-7731"), Set.of("LK01ABC1234"));
        assertThat(conflict).contains(SUB);
        String reason = new IdentityConflicts.IdentityConflict(conflict.orElseThrow()).getMessage();
        assertThat(reason).contains(SUB).doesNotContain("sub-7731").doesNotContain("LK01OTHER99");
        assertThat(asked).as("the PHN itself is the upsert key, never a conflict").noneMatch(id -> id.startsWith(PHN));
    }

    @Test
    void theSamePhnsPatientMeansARaceThatARetryResolves() {
        nehr.put(SUB + "|sub-7731", patientOf("LK01ABC1234"));
        assertThat(find(bundle("LK01ABC1234", "sub-7731"), Set.of("LK01ABC1234"))).isEmpty();
    }

    @Test
    void noOwnerFoundMeansARace() {
        assertThat(find(bundle("LK01ABC1234", "sub-7731"), Set.of("LK01ABC1234"))).isEmpty();
        assertThat(asked).hasSize(2);
    }

    @Test
    void aRetiredPhnOfTheSameMergeIsNoConflict() {
        nehr.put(SUB + "|sub-7731", patientOf("LK01RETIRED1"));
        assertThat(find(bundle("LK01ABC1234", "sub-7731"), Set.of("LK01ABC1234", "LK01RETIRED1"))).isEmpty();
    }

    @Test
    void anOwnerWithoutPhnIsAnotherPerson() {
        ObjectNode stranger = Fixtures.JSON.createObjectNode().put("resourceType", "Patient");
        stranger.putArray("identifier").add(identifier("urn:other", "x"));
        nehr.put(SUB + "|sub-7731", stranger);
        assertThat(find(bundle("LK01ABC1234", "sub-7731"), Set.of("LK01ABC1234"))).contains(SUB);
    }
}
