package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.config.PipelineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Where a build's commands run: in the sandbox of {@code deploy/sandbox/sandbox.sh}, as the unprivileged build user,
 * in mount, pid and network namespaces of their own. A build sees only its workspace (read-write), a private
 * {@code /tmp}, the allowed local repositories (read-only) and the system; the platform's checkout, its state
 * ({@code .shiplog}), {@code /root} and {@code /home} answer "Permission denied"; its network reaches the internet
 * but not this machine nor private networks. Each run holds a network slot of its own (a lock file per slot,
 * across every worker instance on the machine), so two builds never share a loopback.
 *
 * <p>{@code shiplog.build.isolation=none} runs commands as the worker's own user, unconfined: only where the worker
 * is not root (a developer's laptop), and said in every build's log.
 */
@ApplicationScoped
public class BuildSandbox {

    private static final Logger LOG = Logger.getLogger(BuildSandbox.class);
    static final Path SLOTS = Path.of("/run/shiplog-sandbox");

    /** A network namespace held for one run. */
    public static final class Slot implements AutoCloseable {
        static final Slot NONE = new Slot(null, null, null);
        final String netns;
        private final FileChannel channel;
        private final FileLock lock;

        Slot(String netns, FileChannel channel, FileLock lock) {
            this.netns = netns;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                LOG.warnf("network slot %s not released: %s", netns, e.getMessage());
            }
        }
    }

    private final PipelineConfig.Build config;
    private final List<Path> hidden;
    private final List<Path> readOnly;

    public BuildSandbox(PipelineConfig config) {
        this.config = config.build();
        Set<Path> hide = new LinkedHashSet<>();
        hide.add(Path.of("").toAbsolutePath()); // the platform's checkout, where the worker runs from
        hide.add(config.workDir().toAbsolutePath().normalize());
        hide.add(config.sourceDir().toAbsolutePath().normalize());
        config.build().hidden().forEach(p -> hide.add(p.toAbsolutePath().normalize()));
        this.hidden = List.copyOf(hide);
        this.readOnly = config.git().localRoots().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public boolean isolated() {
        return "sandbox".equals(config.isolation());
    }

    /** Why builds cannot run isolated here, or null. */
    public String problem() {
        if (!isolated()) {
            return null;
        }
        if (!Files.isExecutable(config.sandbox())) {
            return "build isolation is not set up: " + config.sandbox() + " is missing (run ./shiplog up)";
        }
        if (!Files.exists(Path.of("/run/netns", netns(0)))) {
            return "build isolation is not set up: no network namespace " + netns(0) + " (run ./shiplog up)";
        }
        return null;
    }

    /** A free network slot, held until the run closes it; waits while every slot is taken. */
    public Slot acquire() throws IOException, InterruptedException {
        if (!isolated()) {
            return Slot.NONE;
        }
        Files.createDirectories(SLOTS);
        for (int round = 0;; round++) {
            for (int k = 0; k < config.networkSlots(); k++) {
                if (!Files.exists(Path.of("/run/netns", netns(k)))) {
                    continue;
                }
                FileChannel channel = FileChannel.open(SLOTS.resolve("slot-" + k + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    lock = null; // held by another run of this very process
                }
                if (lock != null) {
                    return new Slot(netns(k), channel, lock);
                }
                channel.close();
            }
            if (round % 100 == 0) {
                LOG.infof("every build network slot is taken; waiting for one");
            }
            Thread.sleep(100); // a slot frees when a build ends: polled, there is no event to wait for
        }
    }

    /** The name under which the {@code i}-th variable of a build travels to the sandbox, as {@code KEY=VALUE}. */
    public static String carrier(int i) {
        return "SHIPLOG_BUILD_VAR_" + i;
    }

    /**
     * The command line that runs {@code command} (with {@code bash -c}) in {@code workspace}, with {@code variables}
     * build variables: the process environment holds each as {@code KEY=VALUE} under {@link #carrier(int)} (never on
     * the command line, and never under its own name in a process that runs as root).
     */
    public List<String> command(Slot slot, Path workspace, int variables, String command) {
        List<String> out = new ArrayList<>();
        if (!isolated()) {
            out.addAll(List.of("bash", "-c", command));
            return out;
        }
        out.add(config.sandbox().toAbsolutePath().toString());
        out.addAll(List.of("-w", workspace.toAbsolutePath().toString(), "-n", slot.netns, "-u", config.user(),
                "-t", config.tmpSize()));
        hidden.forEach(h -> out.addAll(List.of("-H", h.toString())));
        readOnly.stream().filter(Files::isDirectory).forEach(r -> out.addAll(List.of("-r", r.toString())));
        for (int i = 0; i < variables; i++) {
            out.addAll(List.of("-V", carrier(i)));
        }
        out.addAll(List.of("--", "bash", "-c", command));
        return out;
    }

    static String netns(int slot) {
        return slot == 0 ? "shiplog-build" : "shiplog-build-" + slot;
    }
}
