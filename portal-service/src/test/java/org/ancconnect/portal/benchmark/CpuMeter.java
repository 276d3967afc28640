package org.ancconnect.portal.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ancconnect.testsupport.ProcessCpuTime;

/**
 * CPU time spent per process group between two snapshots, read from {@code /proc/<pid>/stat} (user + system time):
 * the figure that survives a loaded machine, where wall-clock latency does not. Groups: this JVM (the load generator),
 * each service the suite started (its descendants, named by their command line), RabbitMQ, the PostgreSQL backends
 * serving this benchmark's databases, and PostgreSQL's shared background processes. RabbitMQ and PostgreSQL's
 * background writers are shared with whatever else runs on the machine, so their share is an upper bound.
 */
final class CpuMeter {

    /** Each child's group, by what its command line runs: a packaged Quarkus app, or the NEHR's launcher argfile. */
    private static final Map<String, String> SERVICES = Map.of("portal-service/target/quarkus-app", "portal-service",
            "identity-service/target/quarkus-app", "identity-service", "phn-service/target/quarkus-app", "phn-service",
            "sync-service/target/quarkus-app", "sync-service", "fhir-server.args", "NEHR (HAPI FHIR JPA)",
            "esignet-standin/target/quarkus-app", "eSignet stand-in", "dhis2-standin/target/quarkus-app", "DHIS2 stand-in");

    private final List<String> databases;

    /** @param databases substrings of the database names whose PostgreSQL backends count as this benchmark's */
    CpuMeter(List<String> databases) {
        this.databases = databases;
    }

    /** A snapshot: CPU milliseconds so far of each process that belongs to a group, by pid. */
    record Snapshot(Map<Long, String> group, Map<Long, Long> cpuMs) {
    }

    Snapshot snapshot() {
        Map<Long, String> group = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        long self = ProcessHandle.current().pid();
        List<Long> descendants = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String name = classify(pid, pid == self, descendants.contains(pid), commandLine(p));
                long ms = cpuMs(p);
                if (name != null && ms >= 0) {
                    group.put(pid, name);
                    cpu.put(pid, ms);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return new Snapshot(group, cpu);
    }

    private String classify(long pid, boolean self, boolean descendant, String command) {
        if (self) {
            return "load generator (this JVM)";
        }
        if (descendant) {
            return SERVICES.entrySet().stream().filter(e -> command.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse("other child processes");
        }
        if (command.contains("beam.smp")) {
            return "RabbitMQ (shared)";
        }
        if (command.startsWith("postgres:")) {
            boolean ours = databases.stream().anyMatch(command::contains);
            boolean backend = command.contains("127.0.0.1(") || command.contains("[local]");
            return ours ? "PostgreSQL (our connections)" : backend ? null : "PostgreSQL background (shared)";
        }
        return null;
    }

    /** CPU milliseconds per group between two snapshots (a process that started in between counts from zero). */
    static Map<String, Long> between(Snapshot before, Snapshot after) {
        Map<String, Long> sums = new TreeMap<>();
        after.cpuMs().forEach((pid, ms) -> sums.merge(after.group().get(pid), ms - before.cpuMs().getOrDefault(pid, 0L), Long::sum));
        return sums;
    }

    /** Prints CPU ms per view per group and the total. */
    static void print(Map<String, Long> cpu, int views) {
        Map<String, Long> ordered = new LinkedHashMap<>(cpu);
        long total = ordered.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("CPU per record page over the measured run (%d pages; /proc user+system time):%n", views);
        ordered.forEach((name, ms) -> System.out.printf("  %-34s %8d ms  %6.2f ms/page%n", name, ms, ms / (double) Math.max(1, views)));
        System.out.printf("  %-34s %8d ms  %6.2f ms/page%n", "total", total, total / (double) Math.max(1, views));
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime + stime of /proc/<pid>/stat in ms; -1 when the process is gone. */
    private static long cpuMs(Path proc) {
        long nanos = ProcessCpuTime.nanos(proc.resolve("stat"));
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }
}
