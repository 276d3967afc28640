package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Collects the entries of one transaction bundle. Every resource is upserted with a conditional PUT
 * on its business identifier ({@code Type?identifier=system|value}), so replays and concurrent
 * deliveries converge on one resource; its fullUrl is the UUIDv5 of that key, so references inside
 * the bundle are stable. Each key is recorded: the next sync of the entity retracts keys it no longer
 * produces.
 */
final class BundleBuilder {

    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();
    /** fullUrls already computed for this bundle: shared resources are asked for once per event or observation. */
    private final Map<String, String> fullUrls = new HashMap<>();
    /** One read-only {@code {"reference": fullUrl}} per target: an Observation alone points at five resources. */
    private final Map<String, ObjectNode> references = new HashMap<>();
    /** What the NEHR already holds of the shared resources: those left out of the bundle. */
    private final SharedResources known;
    /** Shared resources by key: their content as the NEHR stores it (sent or left out), for the cache after the commit. */
    private final Map<String, String> shared = new LinkedHashMap<>();
    /** Shared resources left out of the bundle (the NEHR holds them unchanged): key -> literal reference {@code Type/id}. */
    private final Map<String, String> omitted = new HashMap<>();
    /** urn:uuid fullUrl -> {@code Type/id} of every shared resource: how the content compared with the cache is spelled. */
    private final Map<String, String> sharedLiterals = new HashMap<>();

    BundleBuilder() {
        this(SharedResources.NONE);
    }

    BundleBuilder(SharedResources known) {
        this.known = known;
    }

    /**
     * Adds a resource many tracked entities share (Organization, Location, Device, Practitioner) with a PUT
     * to a deterministic id (the UUID of its key): two deliveries racing to create it converge on one
     * resource, where two conditional PUTs could both find nothing and create two. Never retracted. When
     * {@link SharedResources} says the NEHR already holds exactly this content, the resource is left out and the
     * answer is its literal reference {@code Type/id} (the same id), which the server resolves to the stored resource.
     */
    String putShared(ObjectNode resource, String system, String value) {
        String type = resource.get("resourceType").asText();
        String key = key(type, system, value);
        String literal = omitted.get(key);
        if (literal != null) {
            return literal;
        }
        String fullUrl = fullUrlOf(key);
        if (!entries.containsKey(key)) {
            if (!carries(resource, system, value)) {
                throw new IllegalStateException(type + " added without its identifier " + system + "|" + value);
            }
            String id = fullUrl.substring("urn:uuid:".length());
            resource.put("id", id);
            literal = type + "/" + id;
            sharedLiterals.put(fullUrl, literal);
            if (known != SharedResources.NONE) {
                String content = storedForm(resource);
                shared.put(key, content);
                if (known.written(key, content)) {
                    omitted.put(key, literal);
                    return literal;
                }
            }
            ObjectNode entry = Fhir.JSON.objectNode().put("fullUrl", fullUrl);
            entry.set("resource", resource);
            entry.putObject("request").put("method", "PUT").put("url", literal);
            entries.put(key, entry);
        }
        return fullUrl;
    }

    /** Adds (or returns the already added) resource identified by {@code system|value}; answers its fullUrl. */
    String put(ObjectNode resource, String system, String value) {
        String type = resource.get("resourceType").asText();
        String key = key(type, system, value);
        String fullUrl = fullUrlOf(key);
        if (!entries.containsKey(key)) {
            if (!carries(resource, system, value)) {
                // A conditional PUT whose resource lacks its own identifier is refused by the server (HAPI-0929).
                throw new IllegalStateException(type + " added without its identifier " + system + "|" + value);
            }
            ObjectNode entry = Fhir.JSON.objectNode().put("fullUrl", fullUrl);
            entry.set("resource", resource);
            entry.putObject("request").put("method", "PUT").put("url", type + "?identifier=" + system + "|" + value);
            entries.put(key, entry);
            keys.add(key);
        }
        return fullUrl;
    }

    private static boolean carries(ObjectNode resource, String system, String value) {
        for (var id : resource.path("identifier")) {
            if (system.equals(id.path("system").asText()) && value.equals(id.path("value").asText())) {
                return true;
            }
        }
        return false;
    }

    boolean contains(String type, String system, String value) {
        return entries.containsKey(key(type, system, value));
    }

    /**
     * The reference to the resource with this business key if the bundle already has it (its fullUrl) or left it out
     * as unchanged (its literal {@code Type/id}), else null.
     */
    String existing(String type, String system, String value) {
        String key = key(type, system, value);
        String literal = omitted.get(key);
        if (literal != null) {
            return literal;
        }
        return entries.containsKey(key) ? fullUrlOf(key) : null;
    }

    /**
     * A shared resource as the NEHR stores it: its JSON with references to other shared resources spelled
     * {@code Type/id} whether the bundle carries them ({@code urn:uuid:}) or left them out, so the same resource
     * compares equal either way. Shared resources are small (a few hundred bytes) and few per bundle.
     */
    private String storedForm(ObjectNode resource) {
        String json = resource.toString();
        if (json.indexOf("urn:uuid:") < 0) {
            return json;
        }
        for (Map.Entry<String, String> e : sharedLiterals.entrySet()) {
            json = json.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
        }
        return json;
    }

    /** Every shared resource the bundle refers to, by key, with its content as stored (sent or left out). */
    Map<String, String> shared() {
        return shared;
    }

    /** The keys of shared resources left out of the bundle because the NEHR holds them unchanged. */
    Set<String> omitted() {
        return omitted.keySet();
    }

    private String fullUrlOf(String key) {
        String fullUrl = fullUrls.get(key);
        if (fullUrl == null) {
            fullUrl = Fhir.fullUrl(key);
            fullUrls.put(key, fullUrl);
        }
        return fullUrl;
    }

    /** A reference to the resource with this fullUrl, shared by every element of the bundle that points at it. */
    ObjectNode reference(String fullUrl) {
        ObjectNode reference = references.get(fullUrl);
        if (reference == null) {
            reference = Fhir.readOnly(Fhir.reference(fullUrl));
            references.put(fullUrl, reference);
        }
        return reference;
    }

    /** A conditional DELETE of a resource produced by an earlier sync and not produced now. */
    void retract(String key) {
        int bar = key.indexOf('?');
        ObjectNode entry = Fhir.JSON.objectNode();
        entry.putObject("request").put("method", "DELETE").put("url", key);
        entries.put("DELETE " + key.substring(0, Math.max(bar, 0)) + key, entry);
    }

    Set<String> keys() {
        return keys;
    }

    ObjectNode build() {
        ObjectNode bundle = Fhir.JSON.objectNode().put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode list = bundle.putArray("entry");
        entries.values().forEach(list::add);
        return bundle;
    }

    /** The fullUrl a resource with this business key has in any bundle. */
    static String fullUrl(String type, String system, String value) {
        return Fhir.fullUrl(key(type, system, value));
    }

    static String key(String type, String system, String value) {
        return type + "?identifier=" + system + "|" + value;
    }
}
