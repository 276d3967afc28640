package org.ancconnect.portal.phm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ancconnect.portal.PortalConfig;
import org.ancconnect.portal.clients.SyncModels;
import org.ancconnect.portal.web.FieldErrors;

/**
 * The ANC visit form: the program stage's data elements (from {@code portal.visit.form-definition}), rendered by value
 * type with units and plausibility limits, and the check that turns a posted form into DHIS2 data values.
 */
@ApplicationScoped
public class VisitForm {

    /** A data element of the stage. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Element(String uid, String valueType, String unit, BigDecimal min, BigDecimal max, Map<String, String> label) {

        public String label(Locale locale) {
            return label.getOrDefault(locale.getLanguage(), label.get("en"));
        }

        public boolean numeric() {
            return valueType.startsWith("INTEGER") || "NUMBER".equals(valueType);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Definition(String program, String programStage, List<Element> dataElements) {
    }

    /** A field as the page shows it. */
    public record Field(Element element, String label, String value, FieldErrors.Problem problem) {
    }

    private final Definition definition;

    @Inject
    public VisitForm(PortalConfig config, ObjectMapper json) {
        this.definition = load(config.visit().formDefinition(), json);
    }

    public String programStage() {
        return definition.programStage();
    }

    public List<Field> fields(Map<String, String> values, FieldErrors errors, Locale locale) {
        return definition.dataElements().stream().map(e -> new Field(e, e.label(locale), values.getOrDefault(e.uid(), ""),
                errors.get("de_" + e.uid()))).toList();
    }

    /** DHIS2 data values of the filled-in fields; problems go into {@code errors} under {@code de_<uid>}. */
    public List<SyncModels.DataValue> dataValues(Map<String, String> values, FieldErrors errors) {
        List<SyncModels.DataValue> out = new ArrayList<>();
        for (Element e : definition.dataElements()) {
            String raw = values.get(e.uid());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String value = raw.trim();
            String field = "de_" + e.uid();
            switch (e.valueType()) {
                case "INTEGER_POSITIVE", "INTEGER", "NUMBER" -> {
                    BigDecimal number = number(value, !"NUMBER".equals(e.valueType()));
                    if (number == null) {
                        errors.add(field, "number");
                        continue;
                    }
                    if ((e.min() != null && number.compareTo(e.min()) < 0) || (e.max() != null && number.compareTo(e.max()) > 0)) {
                        errors.range(field, e.min().toPlainString(), e.max().toPlainString());
                        continue;
                    }
                    value = number.toPlainString();
                }
                case "BOOLEAN" -> {
                    if (!"true".equals(value) && !"false".equals(value)) {
                        errors.add(field, "choice");
                        continue;
                    }
                }
                case "TRUE_ONLY" -> {
                    if (!"true".equals(value)) {
                        errors.add(field, "choice");
                        continue;
                    }
                }
                default -> {
                    int max = e.max() == null ? 255 : e.max().intValue();
                    if (value.length() > max) {
                        errors.add(field, "too_long");
                        continue;
                    }
                }
            }
            out.add(new SyncModels.DataValue(e.uid(), value));
        }
        return out;
    }

    private static BigDecimal number(String text, boolean integer) {
        try {
            BigDecimal n = new BigDecimal(text.replace(',', '.'));
            return integer && n.stripTrailingZeros().scale() > 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Definition load(String location, ObjectMapper json) {
        try {
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return json.readValue(file.toFile(), Definition.class);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("Visit form definition not found: " + location);
                }
                return json.readValue(in, Definition.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable visit form definition " + location, e);
        }
    }
}
