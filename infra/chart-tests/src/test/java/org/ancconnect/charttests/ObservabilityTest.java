package org.ancconnect.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard and the Prometheus alert rules in infra/observability/ are valid and documented. */
class ObservabilityTest {

    private static final Path DIR = Path.of(System.getProperty("anc.observability.dir", "../observability"));
    private static final Path README = Path.of(System.getProperty("anc.infra.readme", "../README.md"));
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);

    private static JsonNode dashboard;
    private static JsonNode alerts;
    private static Set<String> documentedMetrics;
    private static Set<String> readmeAnchors;

    @BeforeAll
    static void load() throws IOException {
        dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        alerts = new YAMLMapper().readTree(DIR.resolve("alerts.yaml").toFile());
        documentedMetrics = new HashSet<>();
        new YAMLMapper().readTree(DIR.resolve("metrics.yaml").toFile()).path("metrics")
                .forEach(m -> documentedMetrics.add(m.path("name").asText()));
        readmeAnchors = HEADING.matcher(Files.readString(README)).results()
                .map(r -> githubAnchor(r.group(1))).collect(Collectors.toSet());
    }

    @Test
    void everyAlertHasSeverityTextAndARunbookSectionThatExists() {
        List<JsonNode> rules = alertRules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        Set<String> names = new HashSet<>();
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(names.add(alert)).as("duplicate alert " + alert).isTrue();
            assertThat(alert).matches("Anc[A-Z][A-Za-z]+");
            assertThat(rule.path("expr").asText()).as(alert + " expr").isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert + " severity").isIn("critical", "warning", "info");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert + " summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(alert + " description").isNotBlank();
            String runbook = rule.path("annotations").path("runbook_url").asText();
            assertThat(runbook).as(alert + " runbook").isEqualTo("infra/README.md#alert-" + alert.toLowerCase(Locale.ROOT));
            assertThat(readmeAnchors).as("infra/README.md sections").contains(runbook.substring(runbook.indexOf('#') + 1));
            if (rule.has("for")) {
                assertThat(rule.path("for").asText()).matches("\\d+[smh]");
            }
        }
    }

    @Test
    void alertsUseOnlyDocumentedMetrics() {
        for (JsonNode rule : alertRules()) {
            assertThat(PromQl.metricNames(rule.path("expr").asText()))
                    .as(rule.path("alert").asText() + " uses metrics missing from metrics.yaml")
                    .isNotEmpty().isSubsetOf(documentedMetrics);
        }
    }

    @Test
    void dashboardIsValidAndUsesOnlyDocumentedMetrics() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("anc-connect");
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel ids").isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(panel.path("title").asText() + " fits 24 columns").isLessThanOrEqualTo(24);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                queries++;
                assertThat(PromQl.metricNames(target.path("expr").asText()))
                        .as(panel.path("title").asText() + " uses metrics missing from metrics.yaml")
                        .isNotEmpty().isSubsetOf(documentedMetrics);
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(15);
    }

    @Test
    void metricNameExtractionIgnoresFunctionsLabelsAndGrouping() {
        assertThat(PromQl.metricNames("sum by (service) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) / on(pod) up > 0.05"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "up");
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m]))) offset 5m"))
                .containsExactly("x_bucket");
    }

    private static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        alerts.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            if (r.has("alert")) {
                rules.add(r);
            }
        }));
        return rules;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static String githubAnchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
