package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The worker's check of every bundle before it is posted: a structural check of what the NEHR IG
 * requires and what the demo got wrong, not HAPI's full profile validation. Measured with
 * {@code MappingBenchmark} (README, "Measured"): HAPI's validator with the NEHR package costs
 * milliseconds per bundle, hundreds of times the mapping itself, so full validation runs in the tests
 * over every mapping case and this check guards production. It checks: a transaction whose entries
 * have a request and (unless DELETE) a {@code urn:uuid:} fullUrl holding a real UUID and a resource;
 * {@code meta} an object; every {@code urn:uuid} reference resolving inside the bundle; every
 * dateTime with a time carrying an offset; and per resource type the elements the NEHR profiles make
 * required (a Patient's two identifiers with the PHN, an Observation's performer and device, an
 * Encounter's period and participant, a Practitioner's telecom, ...). A failure names the element.
 */
public final class BundleCheck {

    /** A bundle the NEHR would refuse or hold wrongly: a permanent failure naming the element. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String element, String reason) {
            super(element + ": " + reason);
        }
    }

    /**
     * Required elements per resource type. A path is dotted; {@code name[2]} needs at least two;
     * {@code effective*} any element whose name starts so (a choice type); {@code a|b} either.
     */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("Patient", List.of("identifier[2]", "extension", "name.family", "name.given", "gender")),
            Map.entry("Encounter", List.of("status", "class", "subject", "period.start", "participant.individual")),
            Map.entry("Observation", List.of("status", "code", "subject", "encounter", "effective*", "performer", "device",
                    "value*|component")),
            Map.entry("Condition", List.of("code", "subject", "clinicalStatus")),
            Map.entry("MedicationStatement", List.of("status", "medication*", "subject")),
            Map.entry("Immunization", List.of("status", "vaccineCode", "patient", "occurrence*")),
            Map.entry("Appointment", List.of("status", "participant.actor", "start")),
            Map.entry("Practitioner", List.of("identifier", "name", "telecom")),
            Map.entry("Organization", List.of("identifier", "name")),
            Map.entry("Location", List.of("identifier|name")),
            Map.entry("Device", List.of("identifier", "owner")));
    /** FHIR dateTime/instant with a time but no offset: what the demo sent and the NEHR cannot place in time. */
    private static final Pattern ZONELESS = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$");
    private static final String URN = "urn:uuid:";

    private BundleCheck() {
    }

    /** Throws {@link Invalid} naming the first element at fault. */
    public static void check(JsonNode bundle) {
        if (!"Bundle".equals(bundle.path("resourceType").asText()) || !"transaction".equals(bundle.path("type").asText())) {
            throw new Invalid("Bundle.type", "not a transaction");
        }
        Set<String> fullUrls = new HashSet<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.hasNonNull("fullUrl")) {
                fullUrls.add(entry.get("fullUrl").asText());
            }
        }
        int i = 0;
        for (JsonNode entry : bundle.path("entry")) {
            String at = "Bundle.entry[" + i++ + "]";
            String method = entry.path("request").path("method").asText("");
            if (method.isEmpty() || entry.path("request").path("url").asText("").isEmpty()) {
                throw new Invalid(at + ".request", "method and url are required");
            }
            if ("DELETE".equals(method)) {
                continue;
            }
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText("");
            if (type.isEmpty()) {
                throw new Invalid(at + ".resource", "missing");
            }
            fullUrl(entry.path("fullUrl").asText(""), at + ".fullUrl");
            String path = at + ".resource(" + type + ")";
            if (resource.has("meta") && !resource.get("meta").isObject()) {
                throw new Invalid(path + ".meta", "must be an object");
            }
            for (String rule : REQUIRED.getOrDefault(type, List.of())) {
                if (!satisfied(resource, rule)) {
                    throw new Invalid(path + "." + rule, "required by the NEHR profile");
                }
            }
            walk(resource, path, fullUrls);
        }
    }

    private static void fullUrl(String fullUrl, String at) {
        if (!fullUrl.startsWith(URN)) {
            throw new Invalid(at, "must be urn:uuid:<uuid>");
        }
        try {
            String uuid = fullUrl.substring(URN.length());
            if (!UUID.fromString(uuid).toString().equals(uuid)) {
                throw new IllegalArgumentException(uuid);
            }
        } catch (IllegalArgumentException e) {
            throw new Invalid(at, "'" + fullUrl + "' is not a urn:uuid with a UUID");
        }
    }

    private static boolean satisfied(JsonNode resource, String rule) {
        for (String alternative : rule.split("\\|")) {
            if (present(resource, alternative.split("\\."), 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(JsonNode node, String[] path, int depth) {
        if (depth == path.length) {
            return !node.isMissingNode() && !node.isNull() && !(node.isTextual() && node.asText().isBlank());
        }
        String step = path[depth];
        int min = 1;
        if (step.endsWith("]")) {
            min = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
            step = step.substring(0, step.indexOf('['));
        }
        JsonNode child = null;
        if (step.endsWith("*")) {
            String prefix = step.substring(0, step.length() - 1);
            for (Iterator<String> names = node.fieldNames(); names.hasNext() && child == null;) {
                String name = names.next();
                if (name.startsWith(prefix)) {
                    child = node.get(name);
                }
            }
        } else {
            child = node.get(step);
        }
        if (child == null || child.isNull()) {
            return false;
        }
        if (child.isArray()) {
            if (child.size() < min) {
                return false;
            }
            for (JsonNode item : child) {
                if (present(item, path, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        return present(child, path, depth + 1);
    }

    /** Every urn:uuid reference resolves in the bundle; every dateTime with a time has an offset. */
    private static void walk(JsonNode node, String path, Set<String> fullUrls) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                String at = path + "." + f.getKey();
                if (v.isTextual()) {
                    String s = v.asText();
                    if ("reference".equals(f.getKey()) && s.startsWith(URN) && !fullUrls.contains(s)) {
                        throw new Invalid(at, "points at " + s + ", which is not in the bundle");
                    }
                    // Cheap pre-test before the regex: a dateTime with a time has 'T' at index 10.
                    if (s.length() >= 16 && s.length() <= 29 && s.charAt(10) == 'T' && ZONELESS.matcher(s).matches()) {
                        throw new Invalid(at, "a date-time without an offset");
                    }
                } else {
                    walk(v, at, fullUrls);
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                walk(item, path + "[" + i++ + "]", fullUrls);
            }
        }
    }
}
