package org.ancconnect.charttests;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict parser must reject what a lenient fabric8 parse would silently accept. */
class StrictManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: phn-service
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: phn-service}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: phn-service}
                spec:
                  containers:
                    - name: phn-service
                      image: example/phn-service:1
                      %s
            """;

    @Test
    void parsesAValidDeployment() {
        var manifests = StrictManifests.parse(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"));
        assertThat(manifests).singleElement()
                .satisfies(m -> assertThat(m.as(Deployment.class).getSpec().getTemplate().getSpec().getContainers())
                        .singleElement().extracting(c -> c.getImagePullPolicy()).isEqualTo("IfNotPresent"));
    }

    @Test
    void rejectsAnUnknownFieldDeepInsideAContainer() {
        // "readinesProbe" is a typo Kubernetes would drop silently with a warning at most.
        assertThatThrownBy(() -> StrictManifests.parse(DEPLOYMENT.formatted("readinesProbe: {}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel() {
        String misplaced = DEPLOYMENT.replace("  template:", "  readOnlyRootFilesystem: true\n  template:").formatted("");
        assertThatThrownBy(() -> StrictManifests.parse(misplaced)).hasMessageContaining("readOnlyRootFilesystem");
    }

    @Test
    void rejectsUnexpectedKinds() {
        assertThatThrownBy(() -> StrictManifests.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n"))
                .hasMessageContaining("unexpected kind v1/Secret");
    }

    @Test
    void keDaObjectsAreStrictToo() {
        String scaledObject = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: sync-service}
                spec:
                  scaleTargetRef: {name: sync-service}
                  maxReplicas: 8
                """;
        assertThatThrownBy(() -> StrictManifests.parse(scaledObject)).hasMessageContaining("maxReplicas");
    }
}
