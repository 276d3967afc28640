package org.ancconnect.charttests;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code helm template} output into typed Kubernetes objects, strictly: an unknown field
 * anywhere in a manifest, or a kind this suite does not expect, is an error.
 *
 * <p>fabric8's model classes accept unknown fields into an {@code additionalProperties} map (so a
 * client survives newer API servers). Here that tolerance is switched off: the introspector hides
 * every any-setter and every {@code ignoreUnknown}, so Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies
 * throughout the object graph.
 */
final class StrictManifests {

    /** apiVersion/kind to model class: every kind the umbrella and the generated charts may render. */
    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", KedaModel.ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", KedaModel.TriggerAuthentication.class));

    private static final YAMLMapper TREE = new YAMLMapper();
    private static final ObjectMapper STRICT = strictMapper();

    private StrictManifests() {
    }

    /** One rendered object: its typed model and the raw tree it was parsed from. */
    record Manifest(String kind, String name, Object model, JsonNode raw) {

        <T> T as(Class<T> type) {
            return type.cast(model);
        }
    }

    static List<Manifest> parse(String rendered) {
        List<Manifest> out = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(rendered)) {
            for (JsonNode doc : TREE.readValues(parser, JsonNode.class).readAll()) {
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                out.add(parseOne(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rendered output is not valid YAML", e);
        }
        return out;
    }

    static Manifest parseOne(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<?> type = KINDS.get(key);
        if (type == null) {
            throw new IllegalArgumentException("unexpected kind " + key + " (" + doc.path("metadata").path("name").asText() + ")");
        }
        String name = doc.path("metadata").path("name").asText();
        try {
            return new Manifest(doc.path("kind").asText(), name, STRICT.treeToValue(doc, type), doc);
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + name + " does not match the Kubernetes model: " + e.getMessage(), e);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated a) {
                return Boolean.FALSE;
            }

            @Override
            public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
            }
        });
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }
}
