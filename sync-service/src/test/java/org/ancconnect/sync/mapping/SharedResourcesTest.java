package org.ancconnect.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shared resources (Organization, Location, Device, Practitioner) the NEHR already holds unchanged are left out of
 * the bundle and referenced by their literal id; changed ones are sent again; knowing nothing sends them all.
 */
class SharedResourcesTest {

    private static final Set<String> SHARED = Set.of("Organization", "Location", "Device", "Practitioner");

    private static TrackedEntityMapper.Result map(ObjectNode te, Map<String, Dhis2User> users, SharedResources known) {
        return TrackedEntityMapper.map(TrackedEntity.parse(te, Fixtures.COLOMBO), Fixtures.mapping(), Fixtures.SOURCE,
                users, Set.of(), known);
    }

    /** What the NEHR would hold after committing {@code r}: its shared resources' stored content by key. */
    private static SharedResources after(TrackedEntityMapper.Result r) {
        Map<String, String> held = new HashMap<>(r.shared());
        return (key, content) -> content.equals(held.get(key));
    }

    private static List<String> types(ObjectNode bundle) {
        return bundle.findValuesAsText("resourceType").stream().filter(t -> !"Bundle".equals(t)).toList();
    }

    @Test
    void knowingNothingSendsEverySharedResourceExactlyAsBefore() {
        ObjectNode te = Fixtures.recorded("tracked-entity-2.42.json");
        TrackedEntityMapper.Result plain = TrackedEntityMapper.map(TrackedEntity.parse(te, Fixtures.COLOMBO),
                Fixtures.mapping(), Fixtures.SOURCE, Fixtures.USERS, Set.of());
        TrackedEntityMapper.Result empty = map(te, Fixtures.USERS, (k, c) -> false);
        assertThat(empty.bundle().toString()).isEqualTo(plain.bundle().toString());
        assertThat(empty.omitted()).isEmpty();
        assertThat(empty.shared().keySet()).allSatisfy(k -> assertThat(k).matches("(Organization|Location|Device|Practitioner)\\?identifier=.*"));
        assertThat(empty.shared()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void unchangedSharedResourcesAreLeftOutAndReferencedByTheirIdWhichTheFullBundlePutsTo() {
        ObjectNode te = Fixtures.recorded("tracked-entity-2.42.json");
        TrackedEntityMapper.Result first = map(te, Fixtures.USERS, (k, c) -> false);
        Map<String, String> putUrls = new HashMap<>();
        for (JsonNode e : first.bundle().path("entry")) {
            String type = e.path("resource").path("resourceType").asText();
            if (SHARED.contains(type)) {
                putUrls.put(e.path("fullUrl").asText(), e.path("request").path("url").asText());
            }
        }

        TrackedEntityMapper.Result second = map(te, Fixtures.USERS, after(first));
        assertThat(types(second.bundle())).doesNotContainAnyElementsOf(SHARED).contains("Patient", "Encounter", "Observation");
        assertThat(second.omitted()).isEqualTo(first.shared().keySet());
        assertThat(second.keys()).isEqualTo(first.keys());
        // Every reference of the entity's own resources that pointed at a shared resource's urn:uuid now names the id
        // that resource was PUT to; the entity's resources are otherwise the same, in the same order.
        List<JsonNode> own = new java.util.ArrayList<>();
        first.bundle().path("entry").forEach(e -> {
            if (!SHARED.contains(e.path("resource").path("resourceType").asText())) {
                own.add(e);
            }
        });
        assertThat(second.bundle().path("entry").size()).isEqualTo(own.size());
        for (int i = 0; i < own.size(); i++) {
            List<String> before = own.get(i).findValuesAsText("reference");
            List<String> now = second.bundle().path("entry").get(i).findValuesAsText("reference");
            assertThat(now).hasSameSizeAs(before);
            for (int j = 0; j < before.size(); j++) {
                assertThat(now.get(j)).isEqualTo(putUrls.getOrDefault(before.get(j), before.get(j)));
            }
        }
        BundleCheck.check(second.bundle());
    }

    @Test
    void changedSharedResourcesAreSentAgainAndOnlyThose() {
        ObjectNode te = Fixtures.recorded("tracked-entity-2.42.json");
        TrackedEntityMapper.Result first = map(te, Fixtures.USERS, (k, c) -> false);
        // Every user's phone changed in DHIS2: the Practitioners differ from what the NEHR holds, the rest does not.
        Map<String, Dhis2User> changed = new HashMap<>();
        Fixtures.USERS.forEach((name, u) -> changed.put(name,
                new Dhis2User(u.uid(), u.username(), u.firstName(), u.surname(), "+9477000000" + name.length(), u.email())));

        TrackedEntityMapper.Result second = map(te, changed, after(first));
        List<JsonNode> sent = new java.util.ArrayList<>();
        second.bundle().path("entry").forEach(e -> {
            if (SHARED.contains(e.path("resource").path("resourceType").asText())) {
                sent.add(e.path("resource"));
            }
        });
        long practitioners = first.shared().keySet().stream().filter(k -> k.startsWith("Practitioner?")).count();
        assertThat(practitioners).isPositive();
        assertThat(sent).hasSize((int) practitioners)
                .allSatisfy(r -> assertThat(r.path("resourceType").asText()).isEqualTo("Practitioner"))
                .allSatisfy(r -> assertThat(r.toString()).contains("+9477000000"));
        assertThat(second.omitted()).hasSize(first.shared().size() - (int) practitioners)
                .noneSatisfy(k -> assertThat(k).startsWith("Practitioner?"));
        BundleCheck.check(second.bundle());

        // Once the NEHR committed those, the next bundle leaves them out too.
        TrackedEntityMapper.Result third = map(te, changed, after(second));
        assertThat(types(third.bundle())).doesNotContainAnyElementsOf(SHARED);
    }

    @Test
    void aSharedResourceComparesEqualWhetherItsReferencesAreSentOrLeftOut() {
        ObjectNode te = Fixtures.recorded("tracked-entity-2.42.json");
        TrackedEntityMapper.Result first = map(te, Fixtures.USERS, (k, c) -> false);
        // The NEHR holds only the Organizations: Location and Device, which point at them, are sent with the literal id
        // and must still compare equal to what the full bundle stored.
        Map<String, String> orgs = new HashMap<>();
        first.shared().forEach((k, c) -> {
            if (k.startsWith("Organization?")) {
                orgs.put(k, c);
            }
        });
        TrackedEntityMapper.Result second = map(te, Fixtures.USERS, (k, c) -> c.equals(orgs.get(k)));
        assertThat(second.omitted()).isEqualTo(orgs.keySet());
        assertThat(second.shared()).isEqualTo(first.shared());
        BundleCheck.check(second.bundle());
    }
}
