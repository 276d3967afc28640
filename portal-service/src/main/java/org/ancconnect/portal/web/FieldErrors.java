package org.ancconnect.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ancconnect.portal.clients.BackendException;

/**
 * Problems with a form's fields, by field name, shown next to each field and in a summary at the top (template tag
 * {@code field-error}). Codes are translated in the templates; {@code backend} carries a back end's own words.
 */
public class FieldErrors {

    /** A field's problem: {@code code} (required, too_long, date, future, phone, nic, postal, phn, choice, number, range, backend). */
    public record Problem(String code, String min, String max, String text) {
    }

    private final Map<String, Problem> problems = new LinkedHashMap<>();

    public FieldErrors add(String field, String code) {
        problems.putIfAbsent(field, new Problem(code, "", "", ""));
        return this;
    }

    public FieldErrors range(String field, Object min, Object max) {
        problems.putIfAbsent(field, new Problem("range", String.valueOf(min), String.valueOf(max), ""));
        return this;
    }

    /** A back end's 400: its violations, each on its field (the last path segment of the field name). */
    public static FieldErrors of(BackendException e) {
        FieldErrors errors = new FieldErrors();
        for (BackendException.Violation v : e.violations()) {
            String field = v.field().substring(v.field().lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            errors.problems.putIfAbsent(field, new Problem("backend", "", "", v.message()));
        }
        if (errors.problems.isEmpty()) {
            errors.problems.put("form", new Problem("backend", "", "", e.getMessage()));
        }
        return errors;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public boolean has(String field) {
        return problems.containsKey(field);
    }

    public Problem get(String field) {
        return problems.get(field);
    }

    public List<Map.Entry<String, Problem>> all() {
        return List.copyOf(problems.entrySet());
    }
}
