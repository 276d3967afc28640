package org.ancconnect.charttests;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * The fields of KEDA 2.x's {@code keda.sh/v1alpha1} ScaledObject and TriggerAuthentication this suite
 * uses (https://keda.sh/docs/2.16/reference/scaledobject-spec/). fabric8 has no KEDA model; parsed with
 * the same strict mapper, a misspelt or misplaced field fails the build just as it would fail the
 * CRD's schema validation at install time.
 */
final class KedaModel {

    private KedaModel() {
    }

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
                            Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount,
                            Integer maxReplicaCount, List<Trigger> triggers) {
    }

    record ScaleTargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {
    }

    record Trigger(String type, String name, String metricType, Boolean useCachedMetrics,
                   Map<String, String> metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name, String kind) {
    }

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }
}
