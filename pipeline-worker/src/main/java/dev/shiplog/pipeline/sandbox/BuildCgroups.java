package dev.shiplog.pipeline.sandbox;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.build.BuildLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The control groups (cgroup v1: memory, pids, cpu) that hold each run's processes to its {@link BuildLimits}: one
 * group per run and controller, {@code shiplog-builds/<tag>} below the worker's own group (so the limits of a
 * container the worker runs in still apply). A step's first process is moved into them before it can fork
 * ({@link Group#admit}), so nothing of the build ever runs outside. The kernel kills a process of a group past its
 * memory ({@code oom_kill}) and refuses a fork past its processes ({@code pids.events max}): after a step the run
 * asks which happened. Where the controllers are not there or not writable (not root, cgroup v2 only), builds run
 * without memory, process and CPU limits, and every build's log says so ({@link #problem}).
 */
@ApplicationScoped
public class BuildCgroups {

    private static final Logger LOG = Logger.getLogger(BuildCgroups.class);
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");
    static final String PARENT = "shiplog-builds";
    /**
     * The period of the CPU limit: 10 ms, not the kernel's 100 ms, so a build that spends its quota in a burst (git's
     * threads) waits at most 10 ms for the next one (on a no-op build, 100 ms periods cost ~17 ms at the median).
     */
    static final long CPU_PERIOD_US = 10_000;

    private final boolean wanted;
    private volatile Map<String, Path> parents;
    private volatile String problem;

    public BuildCgroups(PipelineConfig config) {
        this.wanted = config.build().limits().cgroups() && "sandbox".equals(config.build().isolation());
    }

    /** Why memory, process and CPU limits are not enforced here, or null when they are. */
    public String problem() {
        parents();
        return problem;
    }

    private Map<String, Path> parents() {
        if (parents != null || problem != null) {
            return parents;
        }
        synchronized (this) {
            if (parents != null || problem != null) {
                return parents;
            }
            if (!wanted) {
                problem = "memory, process and CPU limits are not enforced (shiplog.build.limits.cgroups=false, or"
                        + " builds are not isolated)";
                return null;
            }
            try {
                Map<String, Path> found = new TreeMap<>();
                Map<String, String> own = ownGroups(Files.readAllLines(Path.of("/proc/self/cgroup")));
                for (String controller : CONTROLLERS) {
                    Path mount = ROOT.resolve(controller);
                    if (!own.containsKey(controller) || !Files.isDirectory(mount)) {
                        throw new IOException("there is no cgroup v1 " + controller + " controller at " + mount);
                    }
                    Path parent = mount.resolve(own.get(controller).substring(1)).resolve(PARENT);
                    Files.createDirectories(parent);
                    found.put(controller, parent);
                }
                parents = found;
            } catch (IOException | RuntimeException e) {
                problem = "memory, process and CPU limits are NOT enforced: " + e.getMessage()
                        + " (they need cgroup v1 controllers the worker may write: run it as root)";
                LOG.warn(problem);
            }
            return parents;
        }
    }

    /** The worker's own group of every v1 controller, from {@code /proc/self/cgroup} ("4:memory:/a/b"). */
    static Map<String, String> ownGroups(List<String> lines) {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && !parts[1].isEmpty()) {
                for (String controller : parts[1].split(",")) {
                    out.put(controller, parts[2].startsWith("/") ? parts[2] : "/" + parts[2]);
                }
            }
        }
        return out;
    }

    /** The groups of run {@code tag}, made and set to {@code limits}; {@link Group#NONE} where there are none. */
    public Group open(String tag, BuildLimits limits) throws IOException {
        Map<String, Path> at = parents();
        if (at == null) {
            return Group.NONE;
        }
        if (!tag.matches("[A-Za-z0-9_-]{1,200}")) {
            throw new IOException("a run tag must be letters, digits, - and _");
        }
        List<Path> dirs = new ArrayList<>();
        // a CPU limit of every core is none: no cpu group then (being in one costs each step ~6 ms here)
        boolean cpu = limits.cpus() < java.lang.Runtime.getRuntime().availableProcessors();
        for (String controller : cpu ? CONTROLLERS : CONTROLLERS.subList(0, 2)) {
            Path dir = at.get(controller).resolve(tag);
            Files.createDirectories(dir);
            dirs.add(dir);
        }
        long memory = limits.memoryMb() << 20;
        Files.writeString(dirs.get(0).resolve("memory.limit_in_bytes"), Long.toString(memory));
        Path swap = dirs.get(0).resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(swap)) {
            Files.writeString(swap, Long.toString(memory)); // no way around the limit through swap
        }
        Files.writeString(dirs.get(1).resolve("pids.max"), Integer.toString(limits.processes()));
        if (cpu) {
            Files.writeString(dirs.get(2).resolve("cpu.cfs_period_us"), Long.toString(CPU_PERIOD_US));
            Files.writeString(dirs.get(2).resolve("cpu.cfs_quota_us"),
                    Long.toString(Math.max(1000, Math.round(limits.cpus() * CPU_PERIOD_US))));
        }
        return new Group(List.copyOf(dirs));
    }

    /**
     * After a crash: the groups of runs no worker runs any more (their processes were killed) are removed. A server
     * application's group ({@code app-...}) is removed only once empty: its processes die with the worker that
     * started them, so one with processes belongs to another worker of this machine, running.
     */
    public void removeLeftovers(java.util.Set<String> liveTags) {
        Map<String, Path> at = parents();
        if (at == null) {
            return;
        }
        for (Path parent : at.values()) {
            try (var groups = Files.list(parent)) {
                groups.filter(Files::isDirectory).filter(g -> !liveTags.contains(g.getFileName().toString()))
                        .filter(g -> !g.getFileName().toString().startsWith("app-") || empty(g))
                        .forEach(Group::remove);
            } catch (IOException e) {
                LOG.warnf("leftover build groups under %s not listed: %s", parent, e.getMessage());
            }
        }
    }

    private static boolean empty(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream().allMatch(String::isBlank);
        } catch (IOException e) {
            return true;
        }
    }

    /** The groups of one run. */
    public static final class Group {
        public static final Group NONE = new Group(List.of());
        private final List<Path> dirs;

        Group(List<Path> dirs) {
            this.dirs = dirs;
        }

        /**
         * Moves a step's first process into the groups. Called before the step reads its standard input: in the
         * sandbox that process (nsenter, then setpriv, then bubblewrap, each exec'ing the next in place) forks
         * nothing before bubblewrap has read its arguments there, so every process of the step is born inside.
         */
        public void admit(long pid) throws IOException {
            for (Path dir : dirs) {
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
            }
        }

        /** How many processes of the run the kernel killed for going past its memory, so far. */
        public long memoryKills() {
            return counter(0, "memory.oom_control", "oom_kill");
        }

        /** How many forks of the run were refused for going past its processes, so far. */
        public long processRefusals() {
            return counter(1, "pids.events", "max");
        }

        /** How long the run was held back by its CPU limit, in milliseconds. */
        public long throttledMillis() {
            return counter(2, "cpu.stat", "throttled_time") / 1_000_000;
        }

        private long counter(int index, String file, String name) {
            if (index >= dirs.size()) {
                return 0;
            }
            try {
                for (String line : Files.readAllLines(dirs.get(index).resolve(file))) {
                    String[] kv = line.trim().split("\\s+");
                    if (kv.length == 2 && kv[0].equals(name)) {
                        return Long.parseLong(kv[1]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("%s of %s not read: %s", file, dirs.get(index), e.getMessage());
            }
            return 0;
        }

        /** Kills what is left in the groups and removes them. */
        public void close() {
            dirs.forEach(Group::remove);
        }

        static void remove(Path dir) {
            for (int round = 0; round < 20; round++) {
                try {
                    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    Files.deleteIfExists(dir); // rmdir of a group: refused while a process is in it
                    return;
                } catch (java.nio.file.NoSuchFileException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    try {
                        Thread.sleep(50); // its last processes are still dying: no event tells when they are gone
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            LOG.warnf("build group %s not removed", dir);
        }
    }
}
