package org.ancconnect.portal.doctor;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.ancconnect.portal.nehr.Consultation;

/**
 * The consultation form as typed, its checks, and the {@link Consultation} it becomes. Bounds are what a blood
 * pressure monitor, a tape and a dating scan can physically report; a value outside them is a typing error.
 *
 * @param problems field name to message key, in form order
 */
public record ConsultationForm(String key, String systolic, String diastolic, String fundalHeight, String gestationalAge,
        String findings, Map<String, String> problems) {

    /** A fresh, empty form with a new idempotency key. */
    static ConsultationForm blank() {
        return new ConsultationForm(UUID.randomUUID().toString(), "", "", "", "", "", Map.of());
    }

    static ConsultationForm of(String key, String systolic, String diastolic, String fundalHeight, String gestationalAge,
            String findings, int maxText) {
        Map<String, String> problems = new LinkedHashMap<>();
        String k = key == null ? "" : key.strip();
        try {
            UUID.fromString(k);
        } catch (IllegalArgumentException e) {
            problems.put("key", "form_expired");
            k = UUID.randomUUID().toString();
        }
        check(problems, "systolic", systolic, 50, 260);
        check(problems, "diastolic", diastolic, 30, 160);
        check(problems, "fundalHeight", fundalHeight, 5, 50);
        check(problems, "gestationalAge", gestationalAge, 4, 44);
        String text = findings == null ? "" : findings.strip();
        if (text.length() > maxText) {
            problems.put("findings", "too_long");
        }
        ConsultationForm form = new ConsultationForm(k, trim(systolic), trim(diastolic), trim(fundalHeight), trim(gestationalAge),
                text, problems);
        if (problems.isEmpty() && form.consultation().empty()) {
            problems.put("systolic", "nothing_recorded");
        }
        return form;
    }

    Consultation consultation() {
        return new Consultation(key, integer(systolic), integer(diastolic), decimal(fundalHeight), decimal(gestationalAge), findings);
    }

    public String problem(String field) {
        return problems.get(field);
    }

    public boolean invalid(String field) {
        return problems.containsKey(field);
    }

    private static void check(Map<String, String> problems, String field, String raw, int min, int max) {
        String v = trim(raw);
        if (v.isEmpty()) {
            return;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                problems.put(field, "out_of_range");
            } else if (("systolic".equals(field) || "diastolic".equals(field)) && d.stripTrailingZeros().scale() > 0) {
                problems.put(field, "whole_number");
            }
        } catch (NumberFormatException e) {
            problems.put(field, "not_a_number");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static Integer integer(String s) {
        return s.isEmpty() ? null : new BigDecimal(s).intValueExact();
    }

    private static BigDecimal decimal(String s) {
        return s.isEmpty() ? null : new BigDecimal(s);
    }
}
