package org.ancconnect.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used, read from Linux's {@code /proc/<pid>/stat}: the figure the benchmarks
 * report next to wall-clock ones, because on a shared 2-core machine wall-clock time measures the other processes as
 * much as the one under test, and CPU time hardly does. One reader for every benchmark (phn-service's registration,
 * identity-service's sign-in and portal-service's record page benchmarks).
 */
public final class ProcessCpuTime {

    /** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every x86-64 and arm64 kernel build. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    private ProcessCpuTime() {
    }

    /** CPU time of process {@code pid} so far, ns (10 ms resolution); -1 when it has ended or /proc cannot be read. */
    public static long nanos(long pid) {
        return nanos(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The same from a {@code stat} file of /proc ({@code /proc/<pid>/stat}). */
    public static long nanos(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return -1;
        }
        // Field 2 is the command name in parentheses and may itself contain spaces and parentheses: count from the last
        // ')'. After it come state (field 3) ... utime (14) and stime (15), i.e. indexes 11 and 12 from field 3.
        int end = line.lastIndexOf(')');
        if (end < 0 || end + 2 > line.length()) {
            return -1;
        }
        String[] fields = line.substring(end + 2).split(" ");
        if (fields.length < 13) {
            return -1;
        }
        try {
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
