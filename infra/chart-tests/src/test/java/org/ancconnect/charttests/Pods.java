package org.ancconnect.charttests;

import java.util.Map;

/** The pod labels the suite's selectors rely on (quarkus.kubernetes.part-of and the application name). */
final class Pods {

    private Pods() {
    }

    static Map<String, String> selector(String service) {
        return Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/part-of", "anc-connect");
    }

    /** Kubernetes label-selector semantics for matchLabels: every selector entry present in the labels. */
    static boolean matches(Map<String, String> matchLabels, Map<String, String> labels) {
        return matchLabels != null && labels.entrySet().containsAll(matchLabels.entrySet());
    }
}
