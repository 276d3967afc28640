package org.ancconnect.portal.benchmark;

import java.util.HashMap;
import java.util.Map;
import org.ancconnect.testsupport.esignet.Browser;

/**
 * The portal's Prometheus counters at one moment, so the measured run's own share can be printed: the record page's
 * server-side time, the AuditEvent's publish-to-confirm time, the JVM's GC pauses and allocation, each per page.
 */
final class PortalMetrics {

    private final Map<String, Double> sums = new HashMap<>();

    private PortalMetrics() {
    }

    static PortalMetrics read(String portal) {
        PortalMetrics m = new PortalMetrics();
        new Browser().get(portal + "/q/metrics").body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            String series = l.substring(0, space);
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            if (name.startsWith("portal_page_seconds") && !series.contains("page=\"DoctorResource.patient\"")) {
                return;
            }
            m.sums.merge(name, Double.parseDouble(l.substring(space + 1)), Double::sum);
        });
        return m;
    }

    private double delta(PortalMetrics before, String name) {
        return sums.getOrDefault(name, 0.0) - before.sums.getOrDefault(name, 0.0);
    }

    /** Prints what happened between {@code before} and this reading. */
    void printDelta(PortalMetrics before) {
        double pages = delta(before, "portal_page_seconds_count");
        System.out.println("portal, measured run only (from /q/metrics):");
        timer(before, "record page, server side (portal_page_seconds)", "portal_page_seconds", pages);
        timer(before, "AuditEvent publish to confirm (portal_audit_publish)", "portal_audit_publish_seconds", pages);
        timer(before, "GC pauses (jvm_gc_pause)", "jvm_gc_pause_seconds", pages);
        System.out.printf("  %-55s %7.0f MB, %6.0f kB per page%n", "allocated (jvm_gc_memory_allocated_bytes)",
                delta(before, "jvm_gc_memory_allocated_bytes_total") / 1e6,
                pages == 0 ? 0 : delta(before, "jvm_gc_memory_allocated_bytes_total") / 1e3 / pages);
    }

    private void timer(PortalMetrics before, String label, String name, double pages) {
        double count = delta(before, name + "_count");
        double seconds = delta(before, name + "_sum");
        System.out.printf("  %-55s %7.0f times, mean %7.2f ms, %6.2f ms per page%n", label, count,
                count == 0 ? 0 : seconds * 1000 / count, pages == 0 ? 0 : seconds * 1000 / pages);
    }
}
