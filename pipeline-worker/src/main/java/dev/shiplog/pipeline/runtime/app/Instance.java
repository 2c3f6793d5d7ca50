package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.runtime.RuntimeLogs;
import dev.shiplog.pipeline.sandbox.AppSlots;
import dev.shiplog.pipeline.sandbox.BuildCgroups;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process of a release: where it listens (its slot), its control groups, its output (to the release's
 * {@code runtime} log, bounded), and how many proxied requests are in flight to it. Started by {@link Launcher}.
 */
final class Instance {

    /** A place taken by an instance on its way (auto-scaling): counted as running, never ready, nothing to stop. */
    static final Instance PLACEHOLDER = new Instance(-1, null, null, null);

    final int index;
    final AppSlots.Slot slot;
    final Process process;
    final BuildCgroups.Group group;
    final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong printed = new AtomicLong();
    volatile boolean ready;

    Instance(int index, AppSlots.Slot slot, Process process, BuildCgroups.Group group) {
        this.index = index;
        this.slot = slot;
        this.process = process;
        this.group = group;
    }

    /** Copies what the process prints to {@code output}, until {@code maxBytes}; past it, says so once and drops. */
    void pump(InputStream stream, RuntimeLogs.Output output, long maxBytes) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    long before = printed.getAndAdd(n);
                    if (before + n <= maxBytes) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    } else if (before <= maxBytes) {
                        output.system("instance " + index + " printed more than " + maxBytes
                                + " bytes (shiplog.runtime.max-output-bytes): the rest of its output is dropped");
                    }
                }
            } catch (IOException e) {
                // the process ended and its pipe closed
            }
        }, "app-output-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether something accepts connections where the instance must listen. */
    boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(slot.host, slot.port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the process: SIGTERM to the application (every process below the sandbox's), then, after
     * {@code grace}, the sandbox is killed, and with it everything in its pid namespace. Returns true if it had to
     * be killed.
     */
    boolean stop(Duration grace) {
        ready = false;
        // the application's processes, not the sandbox's: killing bubblewrap first would kill them without a chance
        process.descendants().forEach(ProcessHandle::destroy);
        boolean killed = false;
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killed = true;
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        group.close();
        slot.close();
        return killed;
    }
}
