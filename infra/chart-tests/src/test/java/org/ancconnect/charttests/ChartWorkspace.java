package org.ancconnect.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A working copy of the umbrella chart with the services' generated charts vendored into its
 * {@code charts/} folder, as {@code helm dependency build} would do from the {@code file://}
 * repositories in Chart.yaml. The source tree is never written to.
 *
 * <p>A service whose chart has not been generated yet ({@code <service>/target/helm/kubernetes/<service>}
 * missing) is dropped from the working copy's dependencies, unless {@code anc.charts.require-generated}
 * is true, in which case a missing chart fails the build.
 */
record ChartWorkspace(Path chartDir, List<String> vendored, List<String> missing) {

    static final List<String> SERVICES = List.of("identity-service", "phn-service", "sync-service", "portal-service");
    private static final YAMLMapper YAML = new YAMLMapper();

    static Path sourceChart() {
        return Path.of(System.getProperty("anc.helm.dir", "../helm")).resolve("anc-connect").toAbsolutePath().normalize();
    }

    static Path generatedChartsRoot() {
        return Path.of(System.getProperty("anc.generated-charts.root", System.getProperty("anc.root", "../.."))).toAbsolutePath().normalize();
    }

    static synchronized ChartWorkspace prepare() {
        Path work = Path.of(System.getProperty("anc.work.dir", "target/charts-work")).toAbsolutePath();
        Path chart = work.resolve("anc-connect");
        try {
            deleteTree(chart);
            copyTree(sourceChart(), chart);
            // Whatever an operator vendored into the source chart is not what this build generated.
            deleteTree(chart.resolve("charts"));
            Files.deleteIfExists(chart.resolve("Chart.lock"));
            List<String> vendored = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String service : SERVICES) {
                Path generated = generatedChartsRoot().resolve(service).resolve("target/helm/kubernetes").resolve(service);
                if (Files.isRegularFile(generated.resolve("Chart.yaml"))) {
                    copyTree(generated, chart.resolve("charts").resolve(service));
                    vendored.add(service);
                } else {
                    missing.add(service);
                }
            }
            if (!missing.isEmpty() && Boolean.getBoolean("anc.charts.require-generated")) {
                throw new IllegalStateException("Generated charts missing for " + missing
                        + ": run ./mvnw package on those services first (quarkus-helm writes target/helm/kubernetes/<service>)");
            }
            dropDependencies(chart.resolve("Chart.yaml"), missing);
            return new ChartWorkspace(chart, List.copyOf(vendored), List.copyOf(missing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropDependencies(Path chartYaml, List<String> missing) throws IOException {
        ObjectNode chart = (ObjectNode) YAML.readTree(chartYaml.toFile());
        ArrayNode deps = (ArrayNode) chart.get("dependencies");
        for (int i = deps.size() - 1; i >= 0; i--) {
            JsonNode dep = deps.get(i);
            if (missing.contains(dep.get("name").asText())) {
                deps.remove(i);
            }
        }
        YAML.writeValue(chartYaml.toFile(), chart);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
