package org.ancconnect.sync.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.ancconnect.sync.mapping.Dhis2User;
import org.ancconnect.sync.mapping.Fixtures;
import org.ancconnect.sync.mapping.SharedResources;
import org.ancconnect.sync.mapping.TrackedEntity;
import org.ancconnect.sync.mapping.TrackedEntityMapper;
import org.ancconnect.testsupport.dhis2.Dhis2StandinTestResource;
import org.ancconnect.testsupport.fhir.FhirServerTestResource;
import org.ancconnect.testsupport.tokens.InternalIssuerTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Shared resources left out of bundles, against the real HAPI JPA server: a bundle that relies on a shared resource
 * the NEHR does not hold (what a wiped or restored NEHR looks like to a replica that remembers writing it) is refused
 * by the server, and the worker forgets what it knew of that NEHR and sends the entity in full in the same attempt;
 * once committed, the next bundle leaves the shared resources out and the NEHR accepts it. A 409 is not such a
 * refusal: the replica keeps what it knows and does not send the shared resources again.
 */
@QuarkusTest
@QuarkusTestResource(Dhis2StandinTestResource.class)
@QuarkusTestResource(FhirServerTestResource.class)
@QuarkusTestResource(InternalIssuerTestResource.class)
class SharedResourceRecoveryTest {

    private static final Set<String> SHARED = Set.of("Organization", "Location", "Device", "Practitioner");

    @Inject
    SyncWorker worker;
    @Inject
    SharedResourceCache cache;
    @ConfigProperty(name = "anc.nehr.base-url")
    String nehr;

    @Test
    void aBundleRelyingOnAResourceTheNehrLostIsSentAgainInFullAndLaterOnesLeaveSharedResourcesOut() throws Exception {
        TrackedEntity te = freshRecordedEntity();
        // A DHIS2 instance this NEHR has never seen: its registration-system Device does not exist there.
        String systemId = UUID.randomUUID().toString();
        TrackedEntityMapper.Source source = new TrackedEntityMapper.Source(Fixtures.COLOMBO, systemId, "2.42.1",
                "http://dhis2.health.gov.lk/identifier/");
        Map<String, Dhis2User> users = Map.of("phm.tharani",
                new Dhis2User("Onf73mPD6sL", "phm.tharani", "Tharani", "Sivakumar", "+94771234563", null));
        Function<SharedResources, TrackedEntityMapper.Result> map = known -> TrackedEntityMapper.map(te, Fixtures.mapping(),
                source, users, Set.of(), known);

        // The replica believes the NEHR holds every shared resource of this entity, that Device included.
        TrackedEntityMapper.Result offline = map.apply((key, content) -> false);
        String device = offline.shared().keySet().stream().filter(k -> k.startsWith("Device?")).findFirst().orElseThrow();
        cache.forget(nehr);
        cache.committed(nehr, offline.shared(), Set.of());
        String deviceId = deviceId(offline);
        assertThat(given().accept("application/fhir+json").get(nehr + "/Device/" + deviceId).statusCode())
                .as("the Device is not in the NEHR").isEqualTo(404);

        SyncWorker.Posted first = worker.post(map, phn(te));
        assertThat(first.result().omitted()).as("sent in full after the refusal").isEmpty();
        assertThat(first.versions()).anySatisfy(v -> assertThat(v).startsWith("Device/" + deviceId + "/_history/"));
        assertThat(given().accept("application/fhir+json").get(nehr + "/Device/" + deviceId).statusCode()).isEqualTo(200);
        assertThat(cache.of(nehr).written(device, offline.shared().get(device))).isTrue();

        SyncWorker.Posted second = worker.post(map, phn(te));
        assertThat(second.result().omitted()).isEqualTo(offline.shared().keySet());
        assertThat(second.versions()).isNotEmpty()
                .noneSatisfy(v -> assertThat(v.substring(0, v.indexOf('/'))).isIn(SHARED));
        assertThat(second.versions()).hasSize(first.versions().size() - offline.shared().size());
    }

    @Test
    void aConflictOnThePatientKeepsWhatTheReplicaKnowsOfTheSharedResources() throws Exception {
        String json = recordedJsonWithFreshUids();
        TrackedEntity first = withPhn(json, freshNumber());
        // The same tracked entity under another PHN: its Patient would carry the first one's tracked-entity identifier,
        // which the NEHR's unique Patient identifiers refuse with 409, a permanent identity conflict.
        TrackedEntity second = withPhn(json, freshNumber());
        TrackedEntityMapper.Source source = new TrackedEntityMapper.Source(Fixtures.COLOMBO, UUID.randomUUID().toString(),
                "2.42.1", "http://dhis2.health.gov.lk/identifier/");
        Map<String, Dhis2User> users = Map.of("phm.tharani",
                new Dhis2User("Onf73mPD6sL", "phm.tharani", "Tharani", "Sivakumar", "+94771234563", null));
        cache.forget(nehr);
        SyncWorker.Posted posted = worker.post(known -> TrackedEntityMapper.map(first, Fixtures.mapping(), source, users,
                Set.of(), known), phn(first));
        String device = posted.result().shared().keySet().stream().filter(k -> k.startsWith("Device?")).findFirst()
                .orElseThrow();
        assertThat(cache.of(nehr).written(device, posted.result().shared().get(device))).isTrue();

        List<TrackedEntityMapper.Result> mapped = new java.util.ArrayList<>();
        assertThatThrownBy(() -> worker.post(known -> {
            TrackedEntityMapper.Result r = TrackedEntityMapper.map(second, Fixtures.mapping(), source, users, Set.of(), known);
            mapped.add(r);
            return r;
        }, phn(second))).isInstanceOf(IdentityConflicts.IdentityConflict.class);

        assertThat(mapped).as("mapped and posted once, shared resources left out, not sent again in full").hasSize(1);
        assertThat(mapped.get(0).omitted()).isEqualTo(posted.result().shared().keySet());
        assertThat(cache.of(nehr).written(device, posted.result().shared().get(device))).isTrue();
    }

    private static int freshNumber() {
        return 1_000_000 + new SecureRandom().nextInt(8_999_999);
    }

    /** The recorded 2.42 entity with fresh uids, PHN and registration number, so no other run's resources carry them. */
    private static TrackedEntity freshRecordedEntity() throws Exception {
        return withPhn(recordedJsonWithFreshUids(), freshNumber());
    }

    /** The recorded 2.42 entity's JSON with fresh uids. */
    private static String recordedJsonWithFreshUids() throws Exception {
        String json;
        try (InputStream in = SharedResourceRecoveryTest.class.getResourceAsStream("/dhis2/tracked-entity-2.42.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String uid : List.of("sc27Oi94Jxz", "YxYb0id8zpQ", "cc6zWgtfx3N", "ZWB13A0vNwm", "NqgvxgzRDUT", "kLCd10Vrezs",
                "BxuOCB5siv9", "OrSA8XSaOia", "zfZZDzSV6cU", "vC3gSJ5FC28")) {
            json = json.replace("\"" + uid + "\"", "\"" + PipelineEndToEndTest.uid() + "\"");
        }
        return json;
    }

    /** That entity with the PHN {@code TEST<n>} and the registration number {@code REG-<n>}. */
    private static TrackedEntity withPhn(String json, int n) throws Exception {
        json = json.replace("TEST1589225", "TEST" + n).replace("REG-288415", "REG-" + n);
        return TrackedEntity.parse(new ObjectMapper().readTree(json), Fixtures.COLOMBO);
    }

    private static String phn(TrackedEntity te) {
        return te.attributes().get("IrUmPkFMDU5");
    }

    private static String deviceId(TrackedEntityMapper.Result full) {
        for (var e : full.bundle().path("entry")) {
            if ("Device".equals(e.path("resource").path("resourceType").asText())) {
                return e.path("resource").path("id").asText();
            }
        }
        throw new AssertionError("no Device in the full bundle");
    }
}
