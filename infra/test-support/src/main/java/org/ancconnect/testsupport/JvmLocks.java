package org.ancconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive OS file locks that keep two test JVMs from sharing what has a fixed name (a module's FHIR test
 * database, the suite's databases and queues): the second JVM waits for the first, and the JVM's exit releases the
 * lock however it ends. Within one JVM a lock is taken once; a copy of a caller in another Quarkus class loader (each
 * test profile has its own) finds it already held, which is not a conflict.
 */
public final class JvmLocks {

    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private JvmLocks() {
    }

    /** Holds {@code file} for the rest of this JVM's life, waiting (and saying so) while another JVM holds it. */
    public static synchronized void holdForJvmLifetime(Path file, String waitingMessage) {
        Path key = file.toAbsolutePath().normalize();
        if (HELD.containsKey(key)) {
            return;
        }
        try {
            FileChannel channel = FileChannel.open(Files.createDirectories(key.getParent()).resolve(key.getFileName()),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException alreadyHeld) {
                return;
            }
            if (lock == null) {
                System.err.println(waitingMessage + " (" + key + ")");
                lock = channel.lock();
            }
            HELD.put(key, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + key, e);
        }
    }
}
