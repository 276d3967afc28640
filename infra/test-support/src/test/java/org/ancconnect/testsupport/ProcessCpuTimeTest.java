package org.ancconnect.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTimeTest {

    @Test
    void userPlusSystemTimeFromAStatLineWhoseCommandNameHasSpacesAndParentheses() throws Exception {
        Path stat = Files.createTempFile("stat", "");
        // utime 250 ticks, stime 30 ticks (fields 14 and 15) after a command name ") (x" that would mislead a split.
        Files.writeString(stat, "4242 (java ) (x) S 1 4242 4242 0 -1 4194560 9 0 0 0 250 30 0 0 20 0 41 0 100 1 1\n");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(2_800), ProcessCpuTime.nanos(stat));
        Files.delete(stat);
    }

    @Test
    void anEndedProcessOrAnUnreadableLineIsMinusOne(@TempDir Path dir) throws Exception {
        assertEquals(-1, ProcessCpuTime.nanos(dir.resolve("no-such-stat")));
        Path truncated = Files.writeString(dir.resolve("stat"), "4242 (java) S 1 2 3\n");
        assertEquals(-1, ProcessCpuTime.nanos(truncated));
    }

    @Test
    void thisJvmsTimeGrowsWhileItComputes() {
        long before = ProcessCpuTime.nanos(ProcessHandle.current().pid());
        assertTrue(before > 0, "this JVM has used CPU to get here");
        long sum = 0;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < until) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        assertTrue(ProcessCpuTime.nanos(ProcessHandle.current().pid()) > before, "spun " + sum);
    }
}
