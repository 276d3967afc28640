package org.ancconnect.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The worker's pre-post check passes what the mapper makes and stops each known defect, naming the element. */
class BundleCheckTest {

    private static ObjectNode bundle() {
        TrackedEntity te = TrackedEntity.parse(Fixtures.recorded("tracked-entity-2.42.json"), Fixtures.COLOMBO);
        return TrackedEntityMapper.map(te, Fixtures.mapping(), Fixtures.SOURCE, Fixtures.USERS, Set.of()).bundle();
    }

    private static ObjectNode first(ObjectNode bundle, String type) {
        for (JsonNode e : bundle.path("entry")) {
            if (type.equals(e.path("resource").path("resourceType").asText())) {
                return (ObjectNode) e.get("resource");
            }
        }
        throw new AssertionError("no " + type);
    }

    private static void rejects(Consumer<ObjectNode> damage, String element) {
        // The mapper shares read-only elements (references, codings) between resources: a defect is made on a copy.
        ObjectNode b = bundle().deepCopy();
        damage.accept(b);
        assertThatThrownBy(() -> BundleCheck.check(b)).isInstanceOf(BundleCheck.Invalid.class).hasMessageContaining(element);
    }

    @Test
    void theMappersOutputPasses() {
        assertThatCode(() -> BundleCheck.check(bundle())).doesNotThrowAnyException();
    }

    @Test
    void eachDefectOfTheDemoIsStoppedNamingTheElement() {
        rejects(b -> first(b, "Observation").remove("performer"), "resource(Observation).performer");
        rejects(b -> first(b, "Observation").remove("device"), "resource(Observation).device");
        rejects(b -> first(b, "Encounter").remove("participant"), "resource(Encounter).participant.individual");
        rejects(b -> first(b, "Encounter").remove("period"), "resource(Encounter).period.start");
        rejects(b -> ((ArrayNode) first(b, "Patient").get("identifier")).remove(1), "resource(Patient).identifier[2]");
        rejects(b -> first(b, "Practitioner").remove("telecom"), "resource(Practitioner).telecom");
        rejects(b -> first(b, "Patient").putArray("meta"), "resource(Patient).meta");
        rejects(b -> first(b, "Encounter").with("period").put("start", "2025-02-07T10:00:00"), "period.start: a date-time without an offset");
        rejects(b -> first(b, "Observation").with("subject").put("reference", "urn:uuid:00000000-0000-5000-8000-000000000000"),
                "resource(Observation).subject.reference: points at");
        rejects(b -> ((ObjectNode) b.withArray("entry").get(0)).put("fullUrl", "urn:uuid:LK-PHN-123"), "Bundle.entry[0].fullUrl");
        rejects(b -> ((ObjectNode) b.withArray("entry").get(0)).remove("request"), "Bundle.entry[0].request");
    }

    @Test
    void anElementDeepInArraysIsNamedWithItsIndexes() {
        rejects(b -> ((ObjectNode) first(b, "Observation").withArray("performer").get(1)).put("reference",
                "urn:uuid:00000000-0000-5000-8000-000000000000"), "resource(Observation).performer[1].reference: points at");
        rejects(b -> ((ObjectNode) first(b, "Patient").withArray("extension").get(0)).with("valueReference").put("reference",
                "urn:uuid:00000000-0000-5000-8000-000000000001"), "resource(Patient).extension[0].valueReference.reference");
    }

    @Test
    void aDateTimeWithoutOffsetIsRecognisedInEveryPrecision() {
        assertThat(BundleCheck.zoneless("2025-02-07T10:00")).isTrue();
        assertThat(BundleCheck.zoneless("2025-02-07T10:00:00")).isTrue();
        assertThat(BundleCheck.zoneless("2025-02-07T10:00:00.123")).isTrue();
        assertThat(BundleCheck.zoneless("2025-02-07T10:00:00+05:30")).isFalse();
        assertThat(BundleCheck.zoneless("2025-02-07T10:00:00.123Z")).isFalse();
        assertThat(BundleCheck.zoneless("2025-02-07")).isFalse();
        assertThat(BundleCheck.zoneless("2025-02-07T10:00:00.")).isFalse();
        assertThat(BundleCheck.zoneless("Visit at 2025T10:00:00")).isFalse();
    }

    @Test
    void onlyACanonicalUuidIsAFullUrl() {
        assertThat(BundleCheck.isUrnUuid("urn:uuid:6b1f3f0e-5d2a-4c7e-9a51-2f4f8f0c1d3a")).isTrue();
        assertThat(BundleCheck.isUrnUuid("urn:uuid:6B1F3F0E-5D2A-4C7E-9A51-2F4F8F0C1D3A")).isFalse();
        assertThat(BundleCheck.isUrnUuid("urn:uuid:6b1f3f0e5d2a-4c7e-9a51-2f4f8f0c1d3a0")).isFalse();
        assertThat(BundleCheck.isUrnUuid("urn:uuid:LK-PHN-123")).isFalse();
        assertThat(BundleCheck.isUrnUuid("urn:oid:6b1f3f0e-5d2a-4c7e-9a51-2f4f8f0c1d3a")).isFalse();
    }
}
