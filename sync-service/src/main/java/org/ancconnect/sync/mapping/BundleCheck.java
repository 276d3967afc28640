package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final String URN = "urn:uuid:";

    private BundleCheck() {
    }

    /** Throws {@link Invalid} naming the first element at fault. */
    public static void check(JsonNode bundle) {
        if (!"Bundle".equals(bundle.path("resourceType").asText()) || !"transaction".equals(bundle.path("type").asText())) {
            throw new Invalid("Bundle.type", "not a transaction");
        }
        JsonNode entries = bundle.path("entry");
        Set<String> fullUrls = new HashSet<>(Math.max(16, entries.size() * 2));
        for (JsonNode entry : entries) {
            JsonNode fullUrl = entry.get("fullUrl");
            if (fullUrl != null && !fullUrl.isNull()) {
                fullUrls.add(fullUrl.asText());
            }
        }
        Trail trail = new Trail();
        int i = 0;
        for (JsonNode entry : entries) {
            int index = i++;
            JsonNode request = entry.path("request");
            String method = request.path("method").asText("");
            if (method.isEmpty() || request.path("url").asText("").isEmpty()) {
                throw new Invalid(entryPath(index) + ".request", "method and url are required");
            }
            if ("DELETE".equals(method)) {
                continue;
            }
            JsonNode resource = entry.path("resource");
            String type = resource.path("resourceType").asText("");
            if (type.isEmpty()) {
                throw new Invalid(entryPath(index) + ".resource", "missing");
            }
            String fullUrl = entry.path("fullUrl").asText("");
            if (!isUrnUuid(fullUrl)) {
                throw new Invalid(entryPath(index) + ".fullUrl", fullUrl.startsWith(URN)
                        ? "'" + fullUrl + "' is not a urn:uuid with a UUID" : "must be urn:uuid:<uuid>");
            }
            JsonNode meta = resource.get("meta");
            if (meta != null && !meta.isObject()) {
                throw new Invalid(resourcePath(index, type) + ".meta", "must be an object");
            }
            for (Rule rule : RULES.getOrDefault(type, List.of())) {
                if (!rule.satisfiedBy(resource)) {
                    throw new Invalid(resourcePath(index, type) + "." + rule.text(), "required by the NEHR profile");
                }
            }
            trail.reset(index, type);
            walk(resource, trail, fullUrls);
        }
    }

    /**
     * A FHIR dateTime/instant with a time but no offset ({@code yyyy-MM-ddTHH:mm[:ss[.fff…]]}): what the demo sent and
     * the NEHR cannot place in time. Checked by hand: every string of every resource passes here, and a regex per
     * dateTime was a visible share of the check.
     */
    static boolean zoneless(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(10) != 'T' || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-'
                || !digits(s, 8, 10) || !digits(s, 11, 13) || s.charAt(13) != ':' || !digits(s, 14, 16)) {
            return false;
        }
        if (n == 16) {
            return true;
        }
        if (n < 19 || s.charAt(16) != ':' || !digits(s, 17, 19)) {
            return false;
        }
        return n == 19 || (n > 20 && s.charAt(19) == '.' && digits(s, 20, n));
    }

    private static boolean digits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String entryPath(int index) {
        return "Bundle.entry[" + index + "]";
    }

    private static String resourcePath(int index, String type) {
        return entryPath(index) + ".resource(" + type + ")";
    }

    /** {@code urn:uuid:} + a UUID in its canonical form (36 characters, lower-case hex, dashes at 8, 13, 18, 23). */
    static boolean isUrnUuid(String fullUrl) {
        if (fullUrl.length() != URN.length() + 36 || !fullUrl.startsWith(URN)) {
            return false;
        }
        for (int k = 0; k < 36; k++) {
            char c = fullUrl.charAt(URN.length() + k);
            boolean ok = k == 8 || k == 13 || k == 18 || k == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A required-element rule, parsed once: alternatives ({@code a|b}) of dotted paths. */
    private record Rule(String text, List<Step[]> alternatives) {

        static Rule parse(String text) {
            List<Step[]> alternatives = new ArrayList<>();
            for (String alternative : text.split("\\|")) {
                String[] parts = alternative.split("\\.");
                Step[] steps = new Step[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    steps[k] = Step.parse(parts[k]);
                }
                alternatives.add(steps);
            }
            return new Rule(text, List.copyOf(alternatives));
        }

        boolean satisfiedBy(JsonNode resource) {
            for (Step[] steps : alternatives) {
                if (present(resource, steps, 0)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One step of a rule path: an element name (or a choice-type prefix) and the minimum count of an array. */
    private record Step(String name, boolean prefix, int min) {

        static Step parse(String step) {
            int min = 1;
            if (step.endsWith("]")) {
                min = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
                step = step.substring(0, step.indexOf('['));
            }
            return step.endsWith("*") ? new Step(step.substring(0, step.length() - 1), true, min) : new Step(step, false, min);
        }
    }

    private static final Map<String, List<Rule>> RULES = rules();

    private static Map<String, List<Rule>> rules() {
        Map<String, List<Rule>> rules = new HashMap<>();
        REQUIRED.forEach((type, texts) -> rules.put(type, texts.stream().map(Rule::parse).toList()));
        return Map.copyOf(rules);
    }

    private static boolean present(JsonNode node, Step[] path, int depth) {
        if (depth == path.length) {
            return !node.isMissingNode() && !node.isNull() && !(node.isTextual() && node.asText().isBlank());
        }
        Step step = path[depth];
        JsonNode child = null;
        if (step.prefix()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext() && child == null;) {
                String name = names.next();
                if (name.startsWith(step.name())) {
                    child = node.get(name);
                }
            }
        } else {
            child = node.get(step.name());
        }
        if (child == null || child.isNull()) {
            return false;
        }
        if (child.isArray()) {
            if (child.size() < step.min()) {
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

    /**
     * Where the walk is, as a stack of element names and array indexes: the element's path is only spelled out
     * when it is at fault (building it for every element was most of the check's cost).
     */
    private static final class Trail {
        private Object[] steps = new Object[16];
        private int depth;
        private int entry;
        private String type;

        void reset(int entry, String type) {
            this.entry = entry;
            this.type = type;
            depth = 0;
        }

        void push(Object step) {
            if (depth == steps.length) {
                steps = Arrays.copyOf(steps, depth * 2);
            }
            steps[depth++] = step;
        }

        void pop() {
            depth--;
        }

        String render() {
            StringBuilder sb = new StringBuilder(resourcePath(entry, type));
            for (int k = 0; k < depth; k++) {
                if (steps[k] instanceof Integer index) {
                    sb.append('[').append(index).append(']');
                } else {
                    sb.append('.').append(steps[k]);
                }
            }
            return sb.toString();
        }
    }

    /** Every urn:uuid reference resolves in the bundle; every dateTime with a time has an offset. */
    private static void walk(JsonNode node, Trail trail, Set<String> fullUrls) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    String s = v.textValue();
                    if ("reference".equals(f.getKey()) && s.startsWith(URN) && !fullUrls.contains(s)) {
                        trail.push(f.getKey());
                        throw new Invalid(trail.render(), "points at " + s + ", which is not in the bundle");
                    }
                    if (zoneless(s)) {
                        trail.push(f.getKey());
                        throw new Invalid(trail.render(), "a date-time without an offset");
                    }
                } else if (v.isContainerNode()) {
                    trail.push(f.getKey());
                    walk(v, trail, fullUrls);
                    trail.pop();
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    trail.push(i);
                    walk(item, trail, fullUrls);
                    trail.pop();
                }
                i++;
            }
        }
    }
}
