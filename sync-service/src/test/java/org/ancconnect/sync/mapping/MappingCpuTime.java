package org.ancconnect.sync.mapping;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Mapping cost per 10-event tracked entity in CPU time of the mapping thread: on a machine shared with
 * other builds, JMH's wall-clock score mostly measures how often the thread was descheduled, while the
 * thread's own CPU time does not grow with the load average. Same workload as {@link MappingBenchmark}
 * (parse + map, then the worker's structural check of the bundle, timed apart). Run like it, with main class
 * {@code org.ancconnect.sync.mapping.MappingCpuTime}; prints µs of CPU (and wall) and bytes allocated per entity for 5 rounds after warm-up.
 */
public final class MappingCpuTime {

    private MappingCpuTime() {
    }

    public static void main(String[] args) {
        MappingBenchmark bench = new MappingBenchmark();
        bench.setUp();
        // The HotSpot extension also counts the bytes the thread allocates: load-independent, and each byte is later GC work.
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        // 20 000 warm-up operations: enough for C2 to compile the mapping path (JMH's warm-up did the same in 10 s).
        for (int i = 0; i < 20_000; i++) {
            BundleCheck.check(bench.parseAndMap());
        }
        int ops = 10_000;
        System.out.printf("bundle: %d entries, %d characters of JSON%n", bench.parseAndMap().path("entry").size(),
                bench.parseAndMap().toString().length());
        for (int round = 1; round <= 5; round++) {
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                bench.parseAndMap();
            }
            long mapCpu = threads.getCurrentThreadCpuTime() - cpu;
            long mapWall = System.nanoTime() - wall;
            long mapBytes = threads.getCurrentThreadAllocatedBytes() - bytes;
            cpu = threads.getCurrentThreadCpuTime();
            wall = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                bench.structuralCheck();
            }
            long checkCpu = threads.getCurrentThreadCpuTime() - cpu;
            long checkWall = System.nanoTime() - wall;
            System.out.printf("round %d: parse+map %.1f µs CPU (%.1f µs wall, %d B allocated), check %.1f µs CPU (%.1f µs wall) per entity%n",
                    round, mapCpu / 1000.0 / ops, mapWall / 1000.0 / ops, mapBytes / ops, checkCpu / 1000.0 / ops, checkWall / 1000.0 / ops);
        }
    }
}
