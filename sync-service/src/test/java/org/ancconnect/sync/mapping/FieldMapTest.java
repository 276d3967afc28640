package org.ancconnect.sync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mapper's object fields behave as the {@code LinkedHashMap} Jackson would otherwise use. */
class FieldMapTest {

    @Test
    void randomEditsLeaveTheSameFieldsInTheSameOrderAsALinkedHashMap() {
        Random random = new Random(20261121);
        for (int run = 0; run < 200; run++) {
            FieldMap fields = new FieldMap();
            Map<String, JsonNode> reference = new LinkedHashMap<>();
            for (int op = 0; op < 60; op++) {
                String key = "k" + random.nextInt(25);
                JsonNode value = TextNode.valueOf("v" + op);
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> assertThat(fields.put(key, value)).isEqualTo(reference.put(key, value));
                    case 3 -> assertThat(fields.remove(key)).isEqualTo(reference.remove(key));
                    case 4 -> removeByIterator(fields, reference, key);
                    default -> {
                        assertThat(fields.get(key)).isEqualTo(reference.get(key));
                        assertThat(fields.containsKey(key)).isEqualTo(reference.containsKey(key));
                    }
                }
                assertThat(new ArrayList<>(fields.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
                assertThat(new ArrayList<>(fields.keySet())).isEqualTo(new ArrayList<>(reference.keySet()));
                assertThat(fields).isEqualTo(reference).hasSameHashCodeAs(reference).hasSize(reference.size());
                assertThat(reference).isEqualTo(fields);
            }
        }
    }

    private static void removeByIterator(FieldMap fields, Map<String, JsonNode> reference, String key) {
        for (Map<String, JsonNode> map : List.of(fields, reference)) {
            Iterator<Map.Entry<String, JsonNode>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                if (it.next().getKey().equals(key)) {
                    it.remove();
                }
            }
        }
    }

    @Test
    void anEntryWritesThroughAndAChangeDuringIterationFailsFast() {
        FieldMap fields = new FieldMap();
        fields.put("a", TextNode.valueOf("1"));
        fields.put("b", TextNode.valueOf("2"));
        fields.entrySet().iterator().next().setValue(TextNode.valueOf("one"));
        assertThat(fields.get("a").asText()).isEqualTo("one");

        Iterator<Map.Entry<String, JsonNode>> it = fields.entrySet().iterator();
        it.next();
        fields.put("c", TextNode.valueOf("3"));
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> fields.forEach((k, v) -> fields.remove("c"))).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void objectNodesOfTheMappingFactoryWriteAndCompareLikeJacksonsOwn() {
        ObjectNode compact = Fhir.JSON.objectNode();
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        for (ObjectNode node : List.of(compact, plain)) {
            node.put("resourceType", "Observation").put("status", "preliminary");
            node.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "8480-6");
            node.put("status", "final");
            node.putArray("performer").addObject().put("reference", "urn:uuid:1");
            node.remove("performer");
            node.put("valueInteger", 3);
        }
        assertThat(compact.toString()).isEqualTo(plain.toString())
                .isEqualTo("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":"
                        + "[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueInteger\":3}");
        assertThat(compact).isEqualTo(plain);
        assertThat(plain).isEqualTo(compact);
        assertThat(compact.deepCopy()).isEqualTo(plain);
    }
}
