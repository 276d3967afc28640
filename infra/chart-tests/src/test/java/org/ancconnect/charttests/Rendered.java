package org.ancconnect.charttests;

import com.marcnuri.helm.Helm;
import org.ancconnect.charttests.StrictManifests.Manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The umbrella chart rendered by Helm (helm template, through helm-java's bundled Helm) with one
 * values set, parsed strictly. Renders are cached per values set for the whole test run.
 */
record Rendered(String valuesSet, ChartWorkspace workspace, String yaml, List<Manifest> manifests) {

    static final String NAMESPACE = "anc-connect";
    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    /** Chart defaults only (values.yaml). */
    static Rendered minimal() {
        return CACHE.computeIfAbsent("minimal", k -> render(k));
    }

    /** values.yaml overlaid with values-production.yaml. */
    static Rendered production() {
        return CACHE.computeIfAbsent("production", k -> render(k, "values-production.yaml"));
    }

    /** values.yaml, values-production.yaml and values-native.yaml (native executables). */
    static Rendered productionNative() {
        return CACHE.computeIfAbsent("production-native", k -> render(k, "values-production.yaml", "values-native.yaml"));
    }

    static List<Rendered> all() {
        return List.of(minimal(), production(), productionNative());
    }

    private static Rendered render(String valuesSet, String... overlays) {
        ChartWorkspace ws = ChartWorkspace.prepare();
        var template = new Helm(ws.chartDir()).template().withName("anc").withNamespace(NAMESPACE);
        for (String overlay : overlays) {
            template = template.withValuesFile(ws.chartDir().resolve(overlay));
        }
        String yaml = template.call();
        return new Rendered(valuesSet, ws, yaml, StrictManifests.parse(yaml));
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    <T> List<T> all(String kind, Class<T> type) {
        return ofKind(kind).stream().map(m -> m.as(type)).toList();
    }

    <T> Optional<T> find(String kind, String name, Class<T> type) {
        return ofKind(kind).stream().filter(m -> m.name().equals(name)).map(m -> m.as(type)).findFirst();
    }

    Path valuesFile(String name) {
        return ChartWorkspace.sourceChart().resolve(name);
    }

    @Override
    public String toString() {
        return valuesSet;
    }
}
