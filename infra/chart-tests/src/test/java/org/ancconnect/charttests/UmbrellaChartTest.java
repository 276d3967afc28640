package org.ancconnect.charttests;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.ancconnect.charttests.KedaModel.ScaledObject;
import org.ancconnect.charttests.KedaModel.TriggerAuthentication;
import org.ancconnect.charttests.StrictManifests.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The umbrella chart lints, renders for both values sets and carries the suite-level objects. */
class UmbrellaChartTest {

    static List<Rendered> valuesSets() {
        return Rendered.all();
    }

    @Test
    void helmLintPasses() {
        ChartWorkspace ws = ChartWorkspace.prepare();
        var result = new Helm(ws.chartDir()).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void dependenciesAreTheFourGeneratedChartsWhereTheServiceBuildsWriteThem() throws Exception {
        Path source = ChartWorkspace.sourceChart();
        Path repoRoot = Path.of(System.getProperty("anc.root", "../..")).toAbsolutePath().normalize();
        var chart = new YAMLMapper().readTree(source.resolve("Chart.yaml").toFile());
        List<String> names = new ArrayList<>();
        for (var dep : chart.path("dependencies")) {
            String name = dep.path("name").asText();
            names.add(name);
            String repository = dep.path("repository").asText();
            assertThat(repository).startsWith("file://");
            assertThat(source.resolve(repository.substring("file://".length())).normalize())
                    .isEqualTo(repoRoot.resolve(name).resolve("target/helm/kubernetes").resolve(name));
            assertThat(dep.path("version").asText()).as("quarkus-helm versions the chart with the Maven version").isEqualTo("0.1.0-SNAPSHOT");
        }
        assertThat(names).containsExactlyElementsOf(ChartWorkspace.SERVICES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void rendersOnlyStrictlyValidObjectsWithUniqueNames(Rendered r) {
        assertThat(r.manifests()).isNotEmpty();
        Map<String, Long> byKindAndName = r.manifests().stream()
                .collect(Collectors.groupingBy(m -> m.kind() + "/" + m.name(), Collectors.counting()));
        assertThat(byKindAndName).allSatisfy((key, count) -> assertThat(count).as(key + " rendered more than once").isEqualTo(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void everyServiceHasItsEndpointConfigMapAndADisruptionBudget(Rendered r) {
        for (String service : ChartWorkspace.SERVICES) {
            ConfigMap config = r.find("ConfigMap", service + "-config", ConfigMap.class).orElseThrow();
            assertThat(config.getData()).containsEntry("ANC_HTTP_HOST", "0.0.0.0").containsEntry("ANC_LOG_JSON", "true");
            PodDisruptionBudget pdb = r.find("PodDisruptionBudget", service, PodDisruptionBudget.class).orElseThrow();
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Pods.selector(service));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void servicesCallEachOtherByInClusterNames(Rendered r) {
        Map<String, String> portal = r.find("ConfigMap", "portal-service-config", ConfigMap.class).orElseThrow().getData();
        assertThat(portal).containsEntry("PORTAL_PHN_URL", "http://phn-service.anc-connect.svc.cluster.local")
                .containsEntry("ANC_INTERNAL_ISSUER", "http://identity-service.anc-connect.svc.cluster.local/internal")
                .as("the audit queue of record views").containsKeys("ANC_RABBITMQ_HOST", "ANC_RABBITMQ_PORT");
        Map<String, String> sync = r.find("ConfigMap", "sync-service-config", ConfigMap.class).orElseThrow().getData();
        assertThat(sync).containsKeys("ANC_PG_HOST", "ANC_RABBITMQ_HOST", "ANC_NEHR_BASE_URL", "SYNC_DHIS2_BASE_URL", "SYNC_DB_NAME");
    }

    @Test
    void productionNeverPointsAtStandInsOrPlainHttpOutsideTheCluster() {
        for (Rendered r : List.of(Rendered.production(), Rendered.productionNative())) {
            assertThat(r.yaml()).doesNotContainIgnoringCase("standin").doesNotContain("127.0.0.1").doesNotContain("localhost")
                    .doesNotContain(":8088").doesNotContain(":8089").doesNotContain(":8090");
            for (String service : ChartWorkspace.SERVICES) {
                Map<String, String> env = r.find("ConfigMap", service + "-config", ConfigMap.class).orElseThrow().getData();
                env.forEach((key, value) -> {
                    if (value.startsWith("http://")) {
                        assertThat(value).as(service + " " + key + " leaves the cluster without TLS").contains(".svc.cluster.local");
                    }
                });
            }
        }
    }

    @Test
    void minimalValuesRunWithoutAutoscalersOrIngress() {
        Rendered r = Rendered.minimal();
        assertThat(r.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(r.ofKind("ScaledObject")).isEmpty();
        assertThat(r.ofKind("Ingress")).isEmpty();
    }

    @Test
    void tracingIsSwitchedOnInEveryServiceOnlyWhereTheValuesAskForIt() {
        for (String service : List.of("identity-service", "phn-service", "sync-service", "portal-service")) {
            Map<String, String> minimal = Rendered.minimal().find("ConfigMap", service + "-config", ConfigMap.class).orElseThrow().getData();
            assertThat(minimal).doesNotContainKeys("QUARKUS_OTEL_SDK_DISABLED", "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            Map<String, String> production = Rendered.production().find("ConfigMap", service + "-config", ConfigMap.class).orElseThrow().getData();
            assertThat(production).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel-collector.monitoring.svc.cluster.local:4317")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc");
        }
    }

    @Test
    void productionScalesEveryServiceWithExactlyOneAutoscaler() {
        Rendered r = Rendered.production();
        List<String> hpaTargets = r.all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).stream()
                .peek(h -> {
                    assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                    assertThat(h.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
                    assertThat(h.getSpec().getMetrics()).singleElement()
                            .satisfies(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
                })
                .map(h -> h.getSpec().getScaleTargetRef().getName()).toList();
        List<String> kedaTargets = r.all("ScaledObject", ScaledObject.class).stream()
                .map(s -> s.spec().scaleTargetRef().name()).toList();
        assertThat(hpaTargets).containsExactlyInAnyOrder("identity-service", "phn-service", "portal-service");
        assertThat(kedaTargets).containsExactly("sync-service");
    }

    @Test
    void kedaScalesSyncWorkersOnQueueDepthWithCredentialsByReference() {
        Rendered r = Rendered.production();
        ScaledObject so = r.find("ScaledObject", "sync-service", ScaledObject.class).orElseThrow();
        assertThat(so.spec().minReplicaCount()).isGreaterThanOrEqualTo(1);
        assertThat(so.spec().maxReplicaCount()).isGreaterThan(so.spec().minReplicaCount());
        var rabbit = so.spec().triggers().stream().filter(t -> t.type().equals("rabbitmq")).toList();
        assertThat(rabbit).extracting(t -> t.metadata().get("queueName"))
                .containsExactly("sync.tracked-entities");
        assertThat(rabbit).allSatisfy(t -> {
            assertThat(t.metadata()).containsEntry("mode", "QueueLength").containsEntry("protocol", "amqp")
                    .doesNotContainKeys("host", "hostFromEnv");
            assertThat(Integer.parseInt(t.metadata().get("value"))).isPositive();
            assertThat(t.authenticationRef().name()).isEqualTo("sync-service-rabbitmq");
        });
        TriggerAuthentication auth = r.find("TriggerAuthentication", "sync-service-rabbitmq", TriggerAuthentication.class).orElseThrow();
        assertThat(auth.spec().secretTargetRef()).singleElement().satisfies(ref -> {
            assertThat(ref.parameter()).isEqualTo("host");
            assertThat(ref.name()).isEqualTo("anc-rabbitmq");
        });
    }

    @Test
    void productionIngressRoutesBrowsersToPortalAndIdentityCallbacksOverTls() {
        Ingress ingress = Rendered.production().find("Ingress", "anc-connect", Ingress.class).orElseThrow();
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getSecretName()).isEqualTo("anc-portal-tls"));
        var paths = ingress.getSpec().getRules().getFirst().getHttp().getPaths();
        assertThat(paths).extracting(p -> p.getPath() + "->" + p.getBackend().getService().getName())
                .containsExactly("/signin->identity-service", "/verify->identity-service", "/->portal-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void objectsOfThisChartCarryTheSuiteLabels(Rendered r) {
        for (Manifest m : r.manifests()) {
            if (m.raw().path("metadata").path("labels").has("helm.sh/chart")) {
                assertThat(m.raw().path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                        .as(m.kind() + "/" + m.name()).isEqualTo("anc-connect");
            }
        }
    }
}
