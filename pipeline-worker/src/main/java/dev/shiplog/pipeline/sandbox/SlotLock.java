package dev.shiplog.pipeline.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A slot of this machine (a network namespace) held by one run or instance, across every worker of the machine: a
 * lock on the slot's file. The locks are POSIX record locks, and closing any channel of a file drops every lock this
 * process holds on it, so a process never opens a file whose lock it holds: it remembers which it holds.
 */
public final class SlotLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlotLock.class);
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SlotLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock of {@code file}, or null when this process or another holds it. */
    static SlotLock take(Path file) throws IOException {
        if (!HELD.add(file)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new SlotLock(file, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // cannot be: this process holds none on it (HELD)
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw e;
        }
        closeQuietly(channel);
        HELD.remove(file);
        return null;
    }

    /** Whether no process holds the lock of {@code file} right now. */
    static boolean free(Path file) throws IOException {
        try (SlotLock lock = take(file)) {
            return lock != null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warnf("slot %s not released: %s", file, e.getMessage());
        } finally {
            HELD.remove(file);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debugf("a slot's file not closed: %s", e.getMessage());
        }
    }
}
