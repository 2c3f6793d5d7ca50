package dev.shiplog.pipeline.sandbox;

import dev.shiplog.kit.config.GitSourcesConfig;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.build.BuildLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Where a build's commands run: as the unprivileged build user, in user, mount, pid, IPC and UTS namespaces of their
 * own made by bubblewrap ({@code bwrap}, Debian's package), joined to one of the network namespaces that
 * {@code deploy/sandbox/net-setup.sh} prepared. A build sees only its workspace (read-write, at {@code /tmp/build}),
 * a private {@code /tmp}, {@code /var/tmp} and {@code /dev/shm} (size-capped tmpfs), the allowed local repositories
 * (read-only) and the system (read-only); the platform's checkout, its state ({@code .shiplog}), {@code /root} and
 * {@code /home} answer "Permission denied"; it has no capabilities, cannot make user namespaces of its own, and its
 * network reaches the internet but not this machine nor private networks. Each run holds a network slot of its own
 * (a lock file per slot, across every worker instance on the machine), so two builds never share a loopback.
 *
 * <p>One step is one exec chain, with no shell script and no fork of ours in between (a launch costs tens of
 * milliseconds): {@code nsenter} (root: joins the network namespace) then {@code setpriv} (drops to the build user,
 * clears every capability) then {@code bwrap} (as the build user: the namespaces, the mounts, a clean environment).
 * The build's variables never appear on a command line nor in the environment of a process running as root: they
 * reach bwrap as {@code --setenv} arguments on its standard input ({@code --args 0}), which it reads to the end
 * before the command starts (the command then reads an empty standard input, as before). When bwrap dies, the
 * kernel kills every process of the build's pid namespace.
 *
 * <p>{@code shiplog.build.isolation=none} runs commands as the worker's own user, unconfined: only where the worker
 * is not root (a developer's laptop), and said in every build's log.
 */
@ApplicationScoped
public class BuildSandbox {

    private static final Logger LOG = Logger.getLogger(BuildSandbox.class);
    static final Path SLOTS = Path.of("/run/shiplog-sandbox");
    /** Where the workspace appears inside the sandbox (the build user's home). */
    static final String BUILD_DIR = "/tmp/build";
    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    /** A network namespace held for one run. */
    public static final class Slot implements AutoCloseable {
        static final Slot NONE = new Slot(null, null);
        final String netns;
        private final SlotLock lock;

        Slot(String netns, SlotLock lock) {
            this.netns = netns;
            this.lock = lock;
        }

        @Override
        public void close() {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private final PipelineConfig.Build config;
    private final List<Path> hidden;
    private final List<Path> roots;
    private volatile int[] ids;

    public BuildSandbox(PipelineConfig config, GitSourcesConfig sources) {
        this.config = config.build();
        Set<Path> hide = new LinkedHashSet<>();
        hide.add(Path.of("").toAbsolutePath()); // the platform's checkout, where the worker runs from
        hide.add(config.workDir().toAbsolutePath().normalize());
        hide.add(config.sourceDir().toAbsolutePath().normalize());
        config.build().hidden().forEach(p -> hide.add(p.toAbsolutePath().normalize()));
        this.hidden = List.copyOf(hide);
        this.roots = sources.localRoots().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public boolean isolated() {
        return "sandbox".equals(config.isolation());
    }

    /** What a build of an environment with these (flat) settings may use. */
    public BuildLimits limits(java.util.Map<String, String> settings) {
        PipelineConfig.Limits l = config.limits();
        return BuildLimits.of(settings, new BuildLimits.Platform(l.memoryMb(), l.processes(), l.cpus(), l.diskMb(),
                l.maxMemoryMb(), l.maxProcesses(), l.maxCpus(), l.maxDiskMb()));
    }

    /** Why builds cannot run isolated here, or null. */
    public String problem() {
        if (!isolated()) {
            return null;
        }
        if (!Files.isExecutable(config.bwrap())) {
            return "build isolation is not set up: " + config.bwrap() + " (bubblewrap) is missing (run ./shiplog up)";
        }
        if (!Files.exists(Path.of("/run/netns", netns(0)))) {
            return "build isolation is not set up: no network namespace " + netns(0) + " (run ./shiplog up)";
        }
        try {
            ids();
        } catch (IOException e) {
            return "build isolation is not set up: " + e.getMessage() + " (run ./shiplog up)";
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
                SlotLock lock = SlotLock.take(SLOTS.resolve("slot-" + k + ".lock"));
                if (lock != null) {
                    return new Slot(netns(k), lock);
                }
            }
            if (round % 100 == 0) {
                LOG.infof("every build network slot is taken; waiting for one");
            }
            Thread.sleep(100); // a slot frees when a build ends: polled, there is no event to wait for
        }
    }

    /**
     * Makes the workspace the build user's, before any command of the build ran in it (so no untrusted process can
     * race the change by swapping a file for a link): the directory and what the worker put there (an unpacked
     * archive), never following links.
     */
    public void prepare(Path workspace) throws IOException {
        if (!isolated()) {
            return;
        }
        int[] owner = ids();
        try (var files = Files.walk(workspace)) {
            for (Path file : files.toList()) {
                Files.setAttribute(file, "unix:uid", owner[0], java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(file, "unix:gid", owner[1], java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * The command line that runs {@code command} (with {@code bash -c}) in {@code workspace}: in the sandbox, or as
     * it is when builds are not isolated. Of the local repositories it sees {@code repository} only (its real path,
     * read-only; null: none): the local roots are directories it may pass through but not list.
     */
    public List<String> command(Slot slot, Path workspace, String command, Path repository) throws IOException {
        return line(slot.netns, List.of("--bind", workspace.toAbsolutePath().toString(), BUILD_DIR), repository,
                command);
    }

    /**
     * The command line that runs a server application's {@code command} in network namespace {@code netns}: as a
     * build step, but its release (the unpacked artifact) is read-only at {@code /tmp/build} and it sees no
     * repository at all.
     */
    public List<String> application(String netns, Path release, String command) throws IOException {
        return line(netns, List.of("--ro-bind", release.toAbsolutePath().toString(), BUILD_DIR), null, command);
    }

    private List<String> line(String netns, List<String> workspace, Path repository, String command)
            throws IOException {
        List<String> out = new ArrayList<>();
        if (!isolated()) {
            out.addAll(List.of("bash", "-c", command));
            return out;
        }
        int[] owner = ids();
        out.addAll(List.of("nsenter", "--net=/run/netns/" + netns, "--", "setpriv", "--reuid=" + owner[0],
                "--regid=" + owner[1], "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--",
                config.bwrap().toString(), "--unshare-user", "--disable-userns", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"));
        long tmp = bytes(config.tmpSize());
        for (String scratch : List.of("/tmp", "/var/tmp", "/dev/shm")) {
            out.addAll(List.of("--size", Long.toString(tmp), "--tmpfs", scratch));
        }
        out.addAll(workspace);
        List<Path> passable = outermost(roots.stream().filter(r -> hidden.stream().noneMatch(r::startsWith)).toList());
        for (Path root : passable) {
            // other projects' repositories are not there; the way to its own is (execute only: it cannot list)
            out.addAll(List.of("--perms", "0111", "--tmpfs", root.toString()));
        }
        if (repository != null && Files.isDirectory(repository) && passable.stream().anyMatch(repository::startsWith)
                && hidden.stream().noneMatch(repository::startsWith)) {
            out.addAll(List.of("--ro-bind", repository.toString(), repository.toString()));
        }
        for (Path root : passable) {
            out.addAll(List.of("--remount-ro", root.toString()));
        }
        for (Path hide : outermost(hidden)) {
            if (Files.isDirectory(hide, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // an empty, read-only directory nobody may enter: every path below it fails with EACCES, never
                // ENOENT (which would tell what exists)
                out.addAll(List.of("--perms", "0000", "--tmpfs", hide.toString(), "--remount-ro", hide.toString()));
            } else if (Files.exists(hide, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.addAll(List.of("--ro-bind", "/dev/null", hide.toString()));
            }
        }
        Path resolvers = SLOTS.resolve("resolv.conf");
        if (Files.isRegularFile(resolvers)) {
            out.addAll(List.of("--ro-bind", resolvers.toString(), "/etc/resolv.conf"));
        }
        out.addAll(List.of("--chdir", BUILD_DIR, "--clearenv", "--setenv", "PATH", PATH, "--setenv", "HOME", BUILD_DIR,
                "--setenv", "LANG", "C.UTF-8", "--args", "0", "--", "bash", "-c", command));
        return out;
    }

    /**
     * What the sandboxed command reads on its standard input first: the build's variables as bwrap arguments
     * ({@code --setenv NAME VALUE}, NUL-separated). A value holding a NUL could smuggle an argument in: refused.
     */
    public byte[] variables(java.util.Map<String, String> env) {
        if (!isolated()) {
            return new byte[0];
        }
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(env).forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("build variable " + name.replaceAll("[^A-Za-z0-9_]", "?")
                        + " cannot be passed to a build (a name of letters, digits and _, a value without NUL)");
            }
            out.append("--setenv").append('\0').append(name).append('\0').append(value).append('\0');
        });
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Directories below another hidden one are hidden with it (and could not be mounted over once it is). */
    static List<Path> outermost(List<Path> paths) {
        return paths.stream().filter(p -> paths.stream().noneMatch(o -> !o.equals(p) && p.startsWith(o))).distinct()
                .toList();
    }

    static long bytes(String size) {
        String s = size.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** The build user's uid and gid (from the system's user database, read once). */
    private int[] ids() throws IOException {
        if (ids == null) {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(config.user())) {
                    int uid = Integer.parseInt(f[2]);
                    int gid = Integer.parseInt(f[3]);
                    if (uid == 0 || gid == 0) {
                        throw new IOException("the build user " + config.user() + " must not be root");
                    }
                    ids = new int[] { uid, gid };
                }
            }
            if (ids == null) {
                throw new IOException("there is no build user " + config.user());
            }
        }
        return ids;
    }

    static String netns(int slot) {
        return slot == 0 ? "shiplog-build" : "shiplog-build-" + slot;
    }
}
