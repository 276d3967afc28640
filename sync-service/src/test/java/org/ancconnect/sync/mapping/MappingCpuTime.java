package org.ancconnect.sync.mapping;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Mapping cost per 10-event tracked entity in CPU time of the mapping thread: on a machine shared with
 * other builds, JMH's wall-clock score mostly measures how often the thread was descheduled, while the
 * thread's own CPU time does not grow with the load average. Same workload as {@link MappingBenchmark}
 * (parse + map + the worker's structural check). Run like it, with main class
 * {@code org.ancconnect.sync.mapping.MappingCpuTime}; prints µs of CPU per entity for 5 rounds after warm-up.
 */
public final class MappingCpuTime {

    private MappingCpuTime() {
    }

    public static void main(String[] args) {
        MappingBenchmark bench = new MappingBenchmark();
        bench.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // 20 000 warm-up operations: enough for C2 to compile the mapping path (JMH's warm-up did the same in 10 s).
        for (int i = 0; i < 20_000; i++) {
            BundleCheck.check(bench.parseAndMap());
        }
        int ops = 10_000;
        for (int round = 1; round <= 5; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                BundleCheck.check(bench.parseAndMap());
            }
            System.out.printf("round %d: %.1f µs CPU per entity (parse+map+check), %.1f µs wall%n", round,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / ops, (System.nanoTime() - wall) / 1000.0 / ops);
        }
    }
}
