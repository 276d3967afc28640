package org.ancconnect.identity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.ancconnect.testsupport.ProcessCpuTime;

/**
 * CPU time of the two servers in a sign-in, which a loaded machine does not inflate the way it inflates wall-clock
 * time: identity-service's request threads in this JVM (Vert.x event loops and the worker pool; the load generator's
 * threads are not among them) and the stand-in, a child process of this JVM, read from Linux's {@code /proc/<pid>/stat}.
 */
final class CpuTime {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long standin;
    private final Map<Long, Long> lastSeen = new HashMap<>();
    long eventLoops;
    long workers;

    CpuTime() {
        standin = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("esignet-standin"))
                .findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("No esignet-standin child process"));
        identityThreads(false);
    }

    /** The stand-in's CPU time so far (user + system), ns; 10 ms resolution, so read it as a sum over many sign-ins. */
    long standin() {
        long nanos = ProcessCpuTime.nanos(standin);
        if (nanos < 0) {
            throw new IllegalStateException("Cannot read the CPU time of the stand-in (pid " + standin + ")");
        }
        return nanos;
    }

    /**
     * CPU time identity-service's request threads used since the last call, ns; when {@code counted}, also added to
     * {@link #eventLoops} and {@link #workers}.
     */
    long identityThreads(boolean counted) {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            boolean eventLoop = name.startsWith("vert.x-eventloop-thread");
            boolean worker = name.startsWith("executor-thread") || name.startsWith("vert.x-worker-thread");
            if (!eventLoop && !worker) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            Long before = lastSeen.put(info.getThreadId(), now);
            long delta = before == null ? now : now - before;
            total += delta;
            if (!counted) {
                continue;
            }
            if (eventLoop) {
                eventLoops += delta;
            } else {
                workers += delta;
            }
        }
        return total;
    }
}
