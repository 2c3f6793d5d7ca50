package dev.shiplog.pipeline.sandbox;

import dev.shiplog.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The network namespaces server applications run in, one per running instance: {@code shiplog-app-<k>}, made by
 * {@code deploy/sandbox/net-setup.sh}, the instance listening at {@code 10.231.1.<4k+2>}, which only this machine
 * reaches (the worker's proxy) and from which only what a build reaches is reachable. A slot is held with a lock file
 * across every worker on the machine, and their number is the most application processes this worker runs at once.
 * Where builds are not isolated an instance listens on a free port of 127.0.0.1 instead.
 */
@ApplicationScoped
public class AppSlots {


    /** A place for one instance: its network namespace (null: none) and where it listens. */
    public static final class Slot implements AutoCloseable {
        public final String netns;
        public final String host;
        public final int port;
        private final SlotLock lock;

        Slot(String netns, String host, int port, SlotLock lock) {
            this.netns = netns;
            this.host = host;
            this.port = port;
            this.lock = lock;
        }

        @Override
        public void close() {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private final BuildSandbox sandbox;
    private final int max;

    public AppSlots(BuildSandbox sandbox, PipelineConfig config) {
        this.sandbox = sandbox;
        this.max = config.runtime().appSlots();
    }

    /** The most application processes this worker runs at once. */
    public int max() {
        return max;
    }

    /** A free slot, or null when every one is taken (the caller refuses, it does not wait). */
    public Slot take(int port) throws IOException {
        if (!sandbox.isolated()) {
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return new Slot(null, "127.0.0.1", free.getLocalPort(), null);
            }
        }
        Files.createDirectories(BuildSandbox.SLOTS);
        for (int k = 0; k < max; k++) {
            String netns = "shiplog-app-" + k;
            if (!Files.exists(Path.of("/run/netns", netns))) {
                continue;
            }
            SlotLock lock = SlotLock.take(BuildSandbox.SLOTS.resolve("app-slot-" + k + ".lock"));
            if (lock != null) {
                return new Slot(netns, "10.231.1." + (4 * k + 2), port, lock);
            }
        }
        return null;
    }

    /** How many slots are free now. */
    public int free() throws IOException {
        if (!sandbox.isolated()) {
            return max; // the caller counts its own processes
        }
        int free = 0;
        for (int k = 0; k < max; k++) {
            if (!Files.exists(Path.of("/run/netns", "shiplog-app-" + k))) {
                continue;
            }
            if (SlotLock.free(BuildSandbox.SLOTS.resolve("app-slot-" + k + ".lock"))) {
                free++;
            }
        }
        return free;
    }
}
