package org.ancconnect.charttests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workloads of the per-service charts quarkus-helm generates, as the umbrella renders them:
 * probes, resources, security contexts, secrets by reference, labels and selectors, and the Flyway
 * init-task Job. Runs for every generated chart the build found (ChartWorkspace).
 */
class GeneratedWorkloadsTest {

    /** Services with a Flyway schema, hence an init-task Job their pods wait for. */
    private static final Set<String> WITH_DATABASE = Set.of("identity-service", "phn-service", "sync-service");

    /** Environment every service must receive from a Secret: without it a service runs on its dev default. */
    private static final Map<String, Set<String>> SECRET_ENV = Map.of(
            "identity-service", Set.of("ANC_PG_USER", "ANC_PG_PASSWORD", "IDENTITY_KEYSTORE_PASSWORD",
                    "IDENTITY_TOKEN_KEY_ENCRYPTION_KEY", "IDENTITY_NATIONAL_ID_HASH_KEY",
                    "IDENTITY_OIDC_STATE_SECRET", "IDENTITY_OIDC_COOKIE_SECRET"),
            "phn-service", Set.of("ANC_PG_USER", "ANC_PG_PASSWORD", "ANC_RABBITMQ_USER", "ANC_RABBITMQ_PASSWORD",
                    "PHN_NIC_HASH_KEY", "PHN_PERMUTATION_KEY"),
            "sync-service", Set.of("ANC_PG_USER", "ANC_PG_PASSWORD", "ANC_RABBITMQ_USER", "ANC_RABBITMQ_PASSWORD",
                    "SYNC_DHIS2_USERNAME", "SYNC_DHIS2_PASSWORD", "SYNC_WEBHOOK_TOKEN"),
            "portal-service", Set.of("ANC_RABBITMQ_USER", "ANC_RABBITMQ_PASSWORD"));

    record Case(Rendered rendered, String service) {
        @Override
        public String toString() {
            return service + " with " + rendered;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Rendered r : Rendered.all()) {
            r.workspace().vendored().forEach(s -> cases.add(new Case(r, s)));
        }
        return cases;
    }

    @Test
    void reportsWhichGeneratedChartsWereChecked() {
        ChartWorkspace ws = Rendered.minimal().workspace();
        System.out.printf("generated charts vendored: %s; not generated yet: %s%n", ws.vendored(), ws.missing());
        List<String> all = new ArrayList<>(ws.vendored());
        all.addAll(ws.missing());
        assertThat(all).containsExactlyInAnyOrderElementsOf(ChartWorkspace.SERVICES);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void probesHitQuarkusHealthEndpointsOnTheHttpPort(Case c) {
        Container app = appContainer(c);
        int port = app.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(app.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(port);
        assertThat(app.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(port);
        assertThat(app.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void requestsAndLimitsAreSetAndConsistent(Case c) {
        assertResources(appContainer(c), c.service());
        if (WITH_DATABASE.contains(c.service())) {
            assertResources(flywayJob(c).getSpec().getTemplate().getSpec().getContainers().getFirst(), c.service() + " Flyway Job");
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void runsAsNonRootOnAReadOnlyRootFilesystem(Case c) {
        assertHardened(deployment(c).getSpec().getTemplate().getSpec(), c.service());
        if (WITH_DATABASE.contains(c.service())) {
            assertHardened(flywayJob(c).getSpec().getTemplate().getSpec(), c.service() + " Flyway Job");
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void credentialsComeFromSecretsAndEndpointsFromTheUmbrellaConfigMap(Case c) {
        Container app = appContainer(c);
        List<EnvVar> fromSecrets = app.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null).toList();
        assertThat(fromSecrets).extracting(EnvVar::getName).containsAll(SECRET_ENV.get(c.service()));
        Set<String> named = secretNamesInValues(c.service());
        assertThat(fromSecrets).allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName())
                .as(e.getName() + " reads a Secret the umbrella values name under " + c.service() + ".app.secrets").isIn(named));
        assertThat(app.getEnvFrom()).anySatisfy(src -> assertThat(src.getConfigMapRef().getName()).isEqualTo(c.service() + "-config"));
        assertThat(app.getEnv()).extracting(EnvVar::getName).as("endpoints come from the ConfigMap, not build-time values")
                .doesNotContain("ANC_HTTP_HOST", "ANC_PG_HOST");
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void selectorsMatchPodLabelsAndTheSuiteSelectors(Case c) {
        Deployment d = deployment(c);
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(Pods.matches(d.getSpec().getSelector().getMatchLabels(), podLabels)).as("Deployment selector").isTrue();
        assertThat(Pods.matches(Pods.selector(c.service()), podLabels)).as("the suite's NetworkPolicy/PDB selector").isTrue();
        assertThat(d.getSpec().getSelector().getMatchLabels())
                .as("a Deployment's selector is immutable: a version in it would break every upgrade")
                .doesNotContainKey("app.kubernetes.io/version");
        assertThat(d.getSpec().getReplicas())
                .as("replicas belong to the HPA/KEDA: a fixed count would reset the scale on every helm upgrade").isNull();
        Service svc = c.rendered().find("Service", c.service(), Service.class).orElseThrow();
        assertThat(Pods.matches(svc.getSpec().getSelector(), podLabels)).as("Service selector").isTrue();
        assertThat(svc.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("cases")
    void flywayRunsOnceAsTheInitTaskJobThePodsWaitFor(Case c) {
        PodSpec pod = deployment(c).getSpec().getTemplate().getSpec();
        if (!WITH_DATABASE.contains(c.service())) {
            assertThat(c.rendered().find("Job", c.service() + "-flyway-init", Job.class)).isEmpty();
            return;
        }
        Job job = flywayJob(c);
        Container migrate = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(migrate.getImage()).isEqualTo(appContainer(c).getImage());
        assertThat(migrate.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("QUARKUS_INIT_AND_EXIT=true"));
        assertThat(migrate.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("QUARKUS_FLYWAY_ACTIVE=true"));
        assertThat(migrate.getEnvFrom()).anySatisfy(src -> assertThat(src.getConfigMapRef().getName()).isEqualTo(c.service() + "-config"));
        assertThat(appContainer(c).getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("QUARKUS_FLYWAY_ACTIVE=false"));
        assertThat(pod.getInitContainers()).anySatisfy(init -> assertThat(init.getArgs()).containsExactly("job", c.service() + "-flyway-init"));
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("services")
    void eachGeneratedChartLintsAndRendersOnItsOwn(String service) {
        Path chart = Rendered.minimal().workspace().chartDir().resolve("charts").resolve(service);
        var lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        var manifests = StrictManifests.parse(new Helm(chart).template().withName(service).withNamespace(Rendered.NAMESPACE).call());
        assertThat(manifests).extracting(StrictManifests.Manifest::kind).contains("Deployment", "Service");
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("services")
    void nativeValuesSwapImageAndShrinkResources(String service) {
        Container jvm = appContainer(new Case(Rendered.production(), service));
        Container nativ = appContainer(new Case(Rendered.productionNative(), service));
        assertThat(nativ.getImage()).endsWith("-native").isNotEqualTo(jvm.getImage());
        for (String r : List.of("cpu", "memory")) {
            assertThat(Quantity.getAmountInBytes(nativ.getResources().getRequests().get(r)))
                    .as(service + " native request " + r).isLessThan(Quantity.getAmountInBytes(jvm.getResources().getRequests().get(r)));
        }
        assertThat(nativ.getResources().getLimits().get("memory")).isEqualTo(new Quantity("192Mi"));
    }

    static List<String> services() {
        return Rendered.minimal().workspace().vendored();
    }

    private static Set<String> secretNamesInValues(String service) {
        try {
            var values = new YAMLMapper().readTree(ChartWorkspace.sourceChart().resolve("values.yaml").toFile());
            Set<String> names = new TreeSet<>();
            values.path(service).path("app").path("secrets").forEach(n -> names.add(n.asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertResources(Container container, String what) {
        var res = container.getResources();
        for (String r : List.of("cpu", "memory")) {
            Quantity request = res.getRequests().get(r);
            Quantity limit = res.getLimits().get(r);
            assertThat(request).as(what + " request " + r).isNotNull();
            assertThat(limit).as(what + " limit " + r).isNotNull();
            assertThat(Quantity.getAmountInBytes(limit)).as(what + " limit >= request " + r).isGreaterThanOrEqualTo(Quantity.getAmountInBytes(request));
        }
    }

    private static void assertHardened(PodSpec pod, String what) {
        // runAsNonRoot without a fixed runAsUser: the kubelet refuses an image whose numeric user is 0, and the
        // JVM image (user 185) and the native image (user 1001) both run unchanged.
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as(what + " runAsUser").satisfiesAnyOf(
                u -> assertThat(u).isNull(), u -> assertThat(u).isPositive());
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(what + " seccomp").isEqualTo("RuntimeDefault");
        for (Container c : pod.getContainers()) {
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(what + " capabilities").contains("ALL");
        }
    }

    private static Deployment deployment(Case c) {
        return c.rendered().find("Deployment", c.service(), Deployment.class).orElseThrow();
    }

    private static Container appContainer(Case c) {
        return deployment(c).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(x -> x.getName().equals(c.service())).findFirst().orElseThrow();
    }

    private static Job flywayJob(Case c) {
        return c.rendered().find("Job", c.service() + "-flyway-init", Job.class).orElseThrow();
    }
}
