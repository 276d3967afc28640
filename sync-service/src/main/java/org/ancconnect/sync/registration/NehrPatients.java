package org.ancconnect.sync.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ancconnect.sync.mapping.ProgramMapping;
import org.ancconnect.sync.mapping.TrackedEntity;
import org.ancconnect.sync.mapping.TrackedEntityMapper;

/**
 * The NEHR side of a patient event, as one transaction bundle. The survivor's Patient is mapped exactly as
 * the DHIS2 sync maps the tracked entity (same mapper, so the two writers never disagree): a conditional
 * PUT on the PHN with the tracked entity as second identifier, eSignet {@code sub}, registration-system
 * Device, managing Organization.
 *
 * <p>A merge marks each retired PHN's Patient per FHIR: {@code active=false} and
 * {@code link = {other: survivor, type: replaced-by}}; its other data stays as the record of what was
 * known under that PHN. It keeps the retired PHN and takes a {@code retired-phn} identifier as the second
 * identifier the NEHR requires; the other identifiers (tracked entity, NIC, eSignet sub) move to the
 * survivor, which the NEHR's one-Patient-per-identifier rule would otherwise refuse. The inverse
 * {@code replaces} link is not written on the survivor: the tracked-entity sync rewrites the survivor and
 * would drop it, and FHIR reads the relationship from the retired side.
 */
final class NehrPatients {

    static final String PHN = "http://fhir.health.gov.lk/ips/identifier/phn";
    static final String RETIRED_PHN = "urn:ancconnect:identifier:retired-phn";

    private NehrPatients() {
    }

    /** The survivor's Patient (with its Organization, Device, Location) as a transaction. */
    static ObjectNode survivor(RegistrationPlan plan, ProgramMapping mapping, TrackedEntityMapper.Source source) {
        TrackedEntity te = new TrackedEntity(plan.trackedEntity(), plan.orgUnit(), false, null, plan.attributes(), List.of());
        return TrackedEntityMapper.map(te, mapping, source, Map.of(), Set.of()).bundle();
    }

    /** Adds the update of a retired PHN's existing Patient (as read from the NEHR) to the survivor's bundle. */
    static void retire(ObjectNode bundle, JsonNode retired, String retiredPhn, String nehrBase) {
        String survivor = null;
        for (JsonNode e : bundle.path("entry")) {
            if ("Patient".equals(e.path("resource").path("resourceType").asText())) {
                survivor = e.path("fullUrl").asText();
            }
        }
        if (survivor == null) {
            throw new IllegalStateException("the survivor's bundle has no Patient");
        }
        ObjectNode p = retired.deepCopy();
        String id = p.path("id").asText();
        JsonNode profile = retired.path("meta").path("profile");
        p.remove("meta");
        if (!profile.isMissingNode()) {
            p.putObject("meta").set("profile", profile.deepCopy());
        }
        p.put("active", false);
        ArrayNode ids = p.putArray("identifier");
        for (JsonNode identifier : retired.path("identifier")) {
            if (PHN.equals(identifier.path("system").asText())) {
                ids.add(identifier.deepCopy());
            }
        }
        ids.addObject().put("system", RETIRED_PHN).put("value", retiredPhn);
        p.putArray("link").addObject().put("type", "replaced-by").putObject("other").put("reference", survivor);
        ObjectNode entry = ((ArrayNode) bundle.withArray("entry")).addObject();
        entry.put("fullUrl", nehrBase + "/Patient/" + id);
        entry.set("resource", p);
        entry.putObject("request").put("method", "PUT").put("url", "Patient/" + id);
    }
}
