package org.ancconnect.phn.evaluation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ancconnect.testsupport.ProcessCpuTime;

/**
 * CPU time the processes behind a registration spent, read from {@code /proc/<pid>/stat} (user + system
 * time). On a shared 2-core machine wall-clock latency measures the other tenants as much as the service;
 * CPU milliseconds per registration, split by process, do not, and they say where the budget goes
 * (at 100 registrations/s the whole machine has 20 ms of CPU per registration).
 */
final class ProcessCpu {

    private final Map<String, List<Long>> groups = new LinkedHashMap<>();

    /** The processes to watch, grouped under a label. */
    ProcessCpu add(String label, List<Long> pids) {
        groups.computeIfAbsent(label, k -> new ArrayList<>()).addAll(pids);
        return this;
    }

    /** CPU nanoseconds per label now; a process that has ended counts 0. */
    Map<String, Long> sample() {
        Map<String, Long> out = new LinkedHashMap<>();
        groups.forEach((label, pids) -> out.put(label, pids.stream().mapToLong(ProcessCpu::cpuNanos).sum()));
        return out;
    }

    /** Milliseconds of CPU per operation, per label, between two samples. */
    static Map<String, Double> perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((label, nanos) -> out.put(label,
                operations == 0 ? 0 : (nanos - before.getOrDefault(label, 0L)) / 1e6 / operations));
        return out;
    }

    /** CPU nanoseconds of a process so far; 0 when it has ended. */
    static long cpuNanos(long pid) {
        return Math.max(0, ProcessCpuTime.nanos(pid));
    }

    /**
     * Server processes of the local PostgreSQL: the backends connected to {@code db} (the service's pools and
     * relays), and the shared WAL writer, checkpointer and background writer, which write for every database.
     */
    static Map<String, List<Long>> postgres(Connection c, String db) throws SQLException {
        Map<String, List<Long>> out = new HashMap<>();
        try (var st = c.prepareStatement("SELECT pid, datname = ? FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                + " AND (datname = ? OR backend_type IN ('walwriter', 'checkpointer', 'background writer'))")) {
            st.setString(1, db);
            st.setString(2, db);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getBoolean(2) ? "backends" : "writers", k -> new ArrayList<>())
                            .add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Processes whose command line contains {@code fragment} (RabbitMQ's Erlang VM: "beam.smp"). */
    static List<Long> byCommand(String fragment) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cl -> cl.contains(fragment)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
