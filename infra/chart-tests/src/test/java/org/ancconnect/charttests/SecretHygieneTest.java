package org.ancconnect.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets reach the suite only by reference: no values file and no rendered manifest carries one. */
class SecretHygieneTest {

    /** Key names that would hold a credential if they held a value. */
    static final Pattern SENSITIVE_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential|hash[-_]?key|encryption[-_]?key|permutation[-_]?key).*");
    /** Values that are key material whatever their key is called: PEM blocks, JWTs, AMQP/JDBC URIs with a password. */
    static final Pattern SECRET_VALUE = Pattern.compile("-----BEGIN [A-Z ]*-----|eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}|[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");
    /** A Kubernetes object name (RFC 1123 subdomain). */
    static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private static final YAMLMapper YAML = new YAMLMapper();

    static List<Rendered> valuesSets() {
        return Rendered.all();
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml", "values-native.yaml"})
    void valuesFilesNameSecretsButHoldNone(String file) throws IOException {
        Path path = ChartWorkspace.sourceChart().resolve(file);
        String text = Files.readString(path);
        assertThat(SECRET_VALUE.matcher(text).find()).as(file + " contains key material or a URI with a password").isFalse();
        JsonNode values = YAML.readTree(text);
        List<String> offending = new ArrayList<>();
        walk(values, "", (key, value) -> {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            if (!key.contains(".app.secrets.") && !isReference(leaf) && SENSITIVE_KEY.matcher(leaf).matches()) {
                offending.add(key + "=" + value);
            }
        });
        assertThat(offending).as("sensitive keys holding values in " + file).isEmpty();
        for (String service : ChartWorkspace.SERVICES) {
            values.path(service).path("app").path("secrets").properties().forEach(e -> assertThat(e.getValue().asText())
                    .as(service + ".app.secrets." + e.getKey() + " must be a Secret name").matches(OBJECT_NAME));
        }
    }

    @Test
    void generatedChartValuesHoldNoKeyMaterial() throws IOException {
        for (String service : Rendered.minimal().workspace().vendored()) {
            // quarkus-helm copies each secret-mapped env var into app.envs with the Secret's key name as
            // value (unused by the templates); what must never appear is key material itself.
            String text = Files.readString(Rendered.minimal().workspace().chartDir().resolve("charts").resolve(service).resolve("values.yaml"));
            assertThat(SECRET_VALUE.matcher(text).find()).as(service + " generated values.yaml").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void renderedManifestsCarryNoSecretValues(Rendered r) {
        assertThat(r.ofKind("Secret")).as("the chart never creates Secrets; the operator does").isEmpty();
        assertThat(SECRET_VALUE.matcher(r.yaml()).find()).as("key material or a URI with a password in the rendered output").isFalse();
        for (var m : r.manifests()) {
            List<String> offending = new ArrayList<>();
            if (m.kind().equals("ConfigMap")) {
                m.raw().path("data").fieldNames().forEachRemaining(key -> {
                    if (SENSITIVE_KEY.matcher(key).matches()) {
                        offending.add("ConfigMap key " + key);
                    }
                });
            }
            walkEnv(m.raw(), offending);
            assertThat(offending).as(m.kind() + "/" + m.name()).isEmpty();
        }
    }

    @Test
    void detectorsRecogniseWhatTheyGuardAgainst() {
        assertThat(SENSITIVE_KEY.matcher("ANC_PG_PASSWORD").matches()).isTrue();
        assertThat(SENSITIVE_KEY.matcher("IDENTITY_NATIONAL_ID_HASH_KEY").matches()).isTrue();
        assertThat(SENSITIVE_KEY.matcher("ANC_PG_HOST").matches()).isFalse();
        assertThat(SECRET_VALUE.matcher("amqp://anc:s3cret@rabbitmq:5672/").find()).isTrue();
        assertThat(SECRET_VALUE.matcher("http://identity-service.anc-connect.svc.cluster.local/internal").find()).isFalse();
        assertThat(SECRET_VALUE.matcher("-----BEGIN PRIVATE KEY-----").find()).isTrue();
        List<String> found = new ArrayList<>();
        walkEnv(YAML.valueToTree(Map.of("env", List.of(Map.of("name", "ANC_PG_PASSWORD", "value", "x")))), found);
        assertThat(found).containsExactly("env ANC_PG_PASSWORD has an inline value");
    }

    /** Keys that name a Secret rather than hold one. */
    private static boolean isReference(String key) {
        return key.endsWith("existingSecret") || key.endsWith("SecretName");
    }

    /** An env var whose name is sensitive must come from a secretKeyRef, never an inline value. */
    private static void walkEnv(JsonNode node, List<String> offending) {
        if (node.isObject()) {
            if (node.has("name") && node.has("value") && node.size() <= 3
                    && SENSITIVE_KEY.matcher(node.get("name").asText()).matches()) {
                offending.add("env " + node.get("name").asText() + " has an inline value");
            }
            node.forEach(child -> walkEnv(child, offending));
        } else if (node.isArray()) {
            node.forEach(child -> walkEnv(child, offending));
        }
    }

    private static void walk(JsonNode node, String path, java.util.function.BiConsumer<String, String> scalar) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), path + "." + e.getKey(), scalar);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", scalar);
            }
        } else if (!node.isNull() && !node.asText().isEmpty()) {
            scalar.accept(path, node.asText());
        }
    }
}
