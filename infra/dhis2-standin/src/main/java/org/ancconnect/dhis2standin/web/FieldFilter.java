package org.ancconnect.dhis2standin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * DHIS2's {@code fields} parameter: {@code *} or {@code :all} for every field, names separated by
 * commas, nested selections in brackets ({@code enrollments[events[dataValues]]}) and exclusions with
 * {@code !} ({@code *,!enrollments}). Applied to an already rendered document.
 */
public final class FieldFilter {

    private final boolean all;
    private final Map<String, FieldFilter> include;
    private final Set<String> exclude;

    private FieldFilter(boolean all, Map<String, FieldFilter> include, Set<String> exclude) {
        this.all = all;
        this.include = include;
        this.exclude = exclude;
    }

    /** Parses a fields expression; blank means {@code fallback}. */
    public static FieldFilter parse(String fields, String fallback) {
        String expression = fields == null || fields.isBlank() ? fallback : fields;
        int[] pos = {0};
        FieldFilter filter = parseList(expression.replace(" ", ""), pos);
        if (pos[0] < expression.replace(" ", "").length()) {
            throw Dhis2Exception.badRequest("Invalid fields expression: " + expression);
        }
        return filter;
    }

    private static FieldFilter parseList(String s, int[] pos) {
        boolean all = false;
        Map<String, FieldFilter> include = new LinkedHashMap<>();
        Set<String> exclude = new LinkedHashSet<>();
        while (pos[0] < s.length() && s.charAt(pos[0]) != ']') {
            int start = pos[0];
            while (pos[0] < s.length() && ",[]".indexOf(s.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String name = s.substring(start, pos[0]);
            FieldFilter nested = null;
            if (pos[0] < s.length() && s.charAt(pos[0]) == '[') {
                pos[0]++;
                nested = parseList(s, pos);
                if (pos[0] >= s.length() || s.charAt(pos[0]) != ']') {
                    throw Dhis2Exception.badRequest("Unbalanced brackets in fields: " + s);
                }
                pos[0]++;
            }
            if (name.equals("*") || name.equals(":all")) {
                all = true;
            } else if (name.startsWith("!")) {
                exclude.add(name.substring(1));
            } else if (!name.isEmpty()) {
                include.put(name, nested);
            }
            if (pos[0] < s.length() && s.charAt(pos[0]) == ',') {
                pos[0]++;
            }
        }
        return new FieldFilter(all, include, exclude);
    }

    /** The document reduced to the selected fields (arrays are filtered element by element). */
    public JsonNode apply(JsonNode node) {
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> out.add(apply(element)));
            return out;
        }
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (exclude.contains(name)) {
                continue;
            }
            if (include.containsKey(name)) {
                FieldFilter nested = include.get(name);
                out.set(name, nested == null ? field.getValue() : nested.apply(field.getValue()));
            } else if (all) {
                out.set(name, field.getValue());
            }
        }
        return out;
    }

    /** True when the expression selects {@code name} at this level. */
    public boolean selects(String name) {
        return !exclude.contains(name) && (all || include.containsKey(name));
    }
}
