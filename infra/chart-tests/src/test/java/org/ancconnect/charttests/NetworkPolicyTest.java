package org.ancconnect.charttests;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates the rendered NetworkPolicies the way the API server does for ingress (a connection is
 * allowed when some policy selecting the target pod has a rule admitting the source) and compares the
 * result with who needs to reach whom (ARCHITECTURE.md, section 2).
 */
class NetworkPolicyTest {

    private static final String INGRESS_CONTROLLER = "ingress-controller";
    private static final String PROMETHEUS = "prometheus";
    private static final String STRANGER = "stranger";

    /** Expected callers of each service, beyond Prometheus. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "portal-service", Set.of(INGRESS_CONTROLLER),
            "identity-service", Set.of(INGRESS_CONTROLLER, "portal-service", "phn-service", "sync-service"),
            "phn-service", Set.of("portal-service", "identity-service"),
            "sync-service", Set.of("portal-service"));

    static List<Rendered> valuesSets() {
        return Rendered.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void eachServiceIsReachableOnlyByWhoNeedsIt(Rendered r) {
        List<NetworkPolicy> policies = r.all("NetworkPolicy", NetworkPolicy.class);
        List<String> sources = List.of("identity-service", "phn-service", "sync-service", "portal-service",
                INGRESS_CONTROLLER, PROMETHEUS, STRANGER);
        for (String target : ChartWorkspace.SERVICES) {
            Set<String> allowed = new TreeSet<>();
            for (String source : sources) {
                if (!source.equals(target) && allows(policies, target, source)) {
                    allowed.add(source);
                }
            }
            Set<String> expected = new TreeSet<>(EXPECTED.get(target));
            expected.add(PROMETHEUS);
            assertThat(allowed).as("callers of " + target).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void everySuitePodIsCoveredByDefaultDenyAndOnlyTheHttpPortIsOpen(Rendered r) {
        List<NetworkPolicy> policies = r.all("NetworkPolicy", NetworkPolicy.class);
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().equals("anc-connect-default-deny-ingress"))
                .findFirst().orElseThrow();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of", "anc-connect");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        for (NetworkPolicy p : policies) {
            assertThat(p.getSpec().getPodSelector().getMatchExpressions()).as("matchExpressions are not evaluated here").isNullOrEmpty();
            for (var rule : p.getSpec().getIngress()) {
                assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrVal()).containsExactly("http");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesSets")
    void syncWebhookPeersAreOnlyAddressRangesFromValues(Rendered r) {
        NetworkPolicy sync = r.find("NetworkPolicy", "sync-service-ingress", NetworkPolicy.class).orElseThrow();
        List<String> cidrs = sync.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .filter(peer -> peer.getIpBlock() != null).map(peer -> peer.getIpBlock().getCidr()).toList();
        assertThat(cidrs).isEqualTo(r.valuesSet().startsWith("production") ? List.of("192.0.2.10/32") : List.of());
    }

    private static boolean allows(List<NetworkPolicy> policies, String target, String source) {
        Map<String, String> targetLabels = Pods.selector(target);
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> Pods.matches(p.getSpec().getPodSelector().getMatchLabels(), targetLabels)).toList();
        assertThat(selecting).as("policies selecting " + target).isNotEmpty();
        return selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .flatMap(rule -> rule.getFrom().stream())
                .anyMatch(peer -> admits(peer, source));
    }

    /** Sources are suite pods (in the release namespace) or pods of the ingress controller / Prometheus namespaces. */
    private static boolean admits(NetworkPolicyPeer peer, String source) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        Map<String, String> namespaceLabels = switch (source) {
            case INGRESS_CONTROLLER -> Map.of("kubernetes.io/metadata.name", "ingress-nginx");
            case PROMETHEUS -> Map.of("kubernetes.io/metadata.name", "monitoring");
            case STRANGER -> Map.of("kubernetes.io/metadata.name", "some-other-team");
            default -> Map.of("kubernetes.io/metadata.name", Rendered.NAMESPACE);
        };
        Map<String, String> podLabels = ChartWorkspace.SERVICES.contains(source) ? Pods.selector(source) : Map.of("app", source);
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? namespaceLabels.get("kubernetes.io/metadata.name").equals(Rendered.NAMESPACE)
                : peer.getNamespaceSelector().getMatchLabels() == null
                        || Pods.matches(peer.getNamespaceSelector().getMatchLabels(), namespaceLabels);
        boolean podOk = peer.getPodSelector() == null || peer.getPodSelector().getMatchLabels() == null
                || Pods.matches(peer.getPodSelector().getMatchLabels(), podLabels);
        return namespaceOk && podOk;
    }
}
