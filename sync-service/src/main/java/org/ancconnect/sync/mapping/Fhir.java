package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Small builders for FHIR R4 JSON (kept as Jackson trees: fast, and free of reflection for native images). */
final class Fhir {

    /**
     * Builds every node of a mapped bundle: objects keep their fields in a {@link FieldMap} instead of a
     * {@code LinkedHashMap} (same order and semantics, a fraction of the allocation).
     */
    static final JsonNodeFactory JSON = new JsonNodeFactory() {
        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new FieldMap());
        }
    };
    static final String NEHR = "http://fhir.health.gov.lk/ips/";
    static final String SNOMED = "http://snomed.info/sct";
    static final String UCUM = "http://unitsofmeasure.org";
    /**
     * Namespace of the name-based (v5) UUIDs of bundle fullUrls: fixed forever, so the same DHIS2
     * object always gets the same urn:uuid (a random UUID generated once for ANC Connect).
     */
    private static final UUID NAMESPACE = UUID.fromString("6b1f3f0e-5d2a-4c7e-9a51-2f4f8f0c1d3a");
    private static final byte[] NAMESPACE_BYTES = toBytes(NAMESPACE);
    /** A digest per thread: getInstance costs a provider lookup, and mapping calls this once per resource. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    });

    private Fhir() {
    }

    /** {@code meta} per NEHR profile name (the profiles are constants of the mappers: a handful). */
    private static final Map<String, ObjectNode> META = new ConcurrentHashMap<>();

    static ObjectNode resource(String type, String profile) {
        ObjectNode r = JSON.objectNode().put("resourceType", type);
        if (profile != null) {
            ObjectNode meta = META.get(profile);
            if (meta == null) {
                ObjectNode m = JSON.objectNode();
                m.putArray("profile").add(NEHR + "StructureDefinition/" + profile);
                meta = META.computeIfAbsent(profile, p -> readOnly(m));
            }
            r.set("meta", meta);
        }
        return r;
    }

    /**
     * A read-only deep copy of {@code node} (a change throws), so one instance can stand in every resource and
     * bundle that contains the same element: codings, {@code meta}, references. Sharing is invisible in the JSON
     * written; it saves building the same subtree per resource.
     */
    @SuppressWarnings("unchecked")
    static <T extends JsonNode> T readOnly(T node) {
        if (node instanceof ObjectNode object) {
            FieldMap fields = new FieldMap();
            object.properties().forEach(e -> fields.put(e.getKey(), readOnly(e.getValue())));
            return (T) new ObjectNode(JSON, fields.readOnly());
        }
        if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>(array.size());
            array.forEach(item -> items.add(readOnly(item)));
            return (T) new ArrayNode(JSON, List.copyOf(items));
        }
        // Value nodes (text, numbers, booleans) are immutable already.
        return node;
    }

    static ObjectNode coding(String system, String code, String display) {
        ObjectNode c = JSON.objectNode().put("system", system).put("code", code);
        if (display != null) {
            c.put("display", display);
        }
        return c;
    }

    static ObjectNode concept(String system, String code, String display) {
        ObjectNode cc = JSON.objectNode();
        cc.putArray("coding").add(coding(system, code, display));
        return cc;
    }

    static ObjectNode concept(MappingFile.Coding c) {
        ObjectNode cc = concept(c.system(), c.code(), c.display());
        if (c.display() != null) {
            cc.put("text", c.display());
        }
        return cc;
    }

    static ObjectNode reference(String fullUrl) {
        return JSON.objectNode().put("reference", fullUrl);
    }

    static ObjectNode identifier(String system, String value) {
        return JSON.objectNode().put("system", system).put("value", value);
    }

    /** A typed identifier as the NEHR slices want it: type coding + text, system, value. */
    static ObjectNode identifier(String typeSystem, String typeCode, String typeText, String system, String value) {
        ObjectNode id = JSON.objectNode();
        ObjectNode type = id.putObject("type");
        type.putArray("coding").add(coding(typeSystem, typeCode, null));
        type.put("text", typeText);
        return id.put("system", system).put("value", value);
    }

    /** A FHIR dateTime with the offset of the DHIS2 server's zone at that instant. */
    static String dateTime(Instant instant, ZoneId zone) {
        return Timestamps.format(instant, zone);
    }

    /** A read-only array of elements that are read-only already (a reference of {@link BundleBuilder#reference}). */
    static ArrayNode readOnlyArray(JsonNode... readOnlyItems) {
        return new ArrayNode(JSON, List.of(readOnlyItems));
    }

    static ArrayNode array(ObjectNode... items) {
        ArrayNode a = JSON.arrayNode();
        for (ObjectNode i : items) {
            a.add(i);
        }
        return a;
    }

    /** {@code urn:uuid:} + a version-5 (SHA-1, name-based) UUID of the resource's business key. */
    static String fullUrl(String key) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        sha1.update(NAMESPACE_BYTES);
        byte[] hash = sha1.digest(key.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (hash[i] & 0xff);
            lsb = (lsb << 8) | (hash[i + 8] & 0xff);
        }
        return "urn:uuid:" + new UUID(msb, lsb);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] b = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (msb >>> (8 * (7 - i)));
            b[i + 8] = (byte) (lsb >>> (8 * (7 - i)));
        }
        return b;
    }
}
