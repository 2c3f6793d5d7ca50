package dev.shiplog.pipeline.sandbox;

import dev.shiplog.pipeline.domain.build.BuildLimits;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Runs the shell commands of one build in its workspace, each in a session of its own (bubblewrap's, or
 * {@code setsid} when builds are not isolated), streaming
 * what they print, under a deadline. When a command ends (it exits, times out or is stopped) everything still in its
 * session dies with it: a server left in the background ({@code server &}, {@code (sleep 600 &)}) cannot hold the
 * environment's lane, escape a cancel or outlive the worker. Output is read in chunks, never as whole lines, so one
 * huge line cannot exhaust memory; readers are waited for to the end in the sandbox, for a bounded time otherwise.
 *
 * <p>While a run lasts ({@link #open} to {@link #close}), {@code <work-dir>/running/<tag>} holds the worker's pid
 * and, while a command runs, its session id: a worker starting after a crash kills the sessions its predecessor
 * left ({@link #killOrphans}), and leaves alone the workspaces of runs whose worker lives ({@link #liveTags}), such as
 * another instance's on the same machine.
 */
public final class ProcessRunner {

    private static final Logger LOG = Logger.getLogger(ProcessRunner.class);
    static final Duration READERS = Duration.ofSeconds(5);

    /** How often a step's workspace is measured against its disk limit. */
    static final Duration DISK_CHECK = Duration.ofSeconds(1);

    /** How a command ended. */
    public enum Outcome { EXITED, TIMED_OUT, STOPPED }

    /**
     * The end of a command: how, its exit code when it exited, and the limit it went past (null: none). A step that
     * went past its memory or processes and still exited 0 succeeded (it coped with the refusal).
     */
    public record Result(Outcome outcome, int exitCode, BuildLimits.Kind exceeded) {
        public Result(Outcome outcome, int exitCode) {
            this(outcome, exitCode, null);
        }

        public boolean succeeded() {
            return outcome == Outcome.EXITED && exitCode == 0;
        }
    }

    private final Path runningDir;
    private final String tag;
    private final BuildSandbox sandbox;
    private final BuildCgroups cgroups;
    private final BuildLimits limits;
    private BuildSandbox.Slot slot = BuildSandbox.Slot.NONE;
    private BuildCgroups.Group group = BuildCgroups.Group.NONE;
    private Path repository;
    private Process process;
    private boolean stopped;

    /**
     * Commands of the run {@code tag} ({@code <deploymentId>-<attempt>}), recorded under {@code runningDir}, run in
     * {@code sandbox}, held to {@code limits} (memory, processes and CPU by {@code cgroups}, disk by the run).
     */
    public ProcessRunner(Path runningDir, String tag, BuildSandbox sandbox, BuildCgroups cgroups, BuildLimits limits) {
        this.runningDir = runningDir;
        this.tag = tag;
        this.sandbox = sandbox;
        this.cgroups = cgroups;
        this.limits = limits;
    }

    /** The limits the run's commands are held to. */
    public BuildLimits limits() {
        return limits;
    }

    /** The run's commands may read this local repository (its real path), and no other. */
    public void allowRepository(Path realPath) {
        this.repository = realPath;
    }

    /**
     * The run starts: its record says this worker owns it; it takes a build network slot and control groups of its
     * own.
     */
    public void open() throws IOException {
        Files.createDirectories(runningDir);
        record(0);
        group = cgroups.open(tag, limits);
        try {
            slot = sandbox.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a build network slot", e);
        }
    }

    /** The run is over: its record goes, its network slot is free again. */
    public void close() throws IOException {
        group.close();
        slot.close();
        Files.deleteIfExists(runningDir.resolve(tag));
    }

    private void record(long session) throws IOException {
        Files.writeString(runningDir.resolve(tag), ProcessHandle.current().pid() + " " + session + "\n");
    }

    /**
     * Runs {@code command} with {@code bash -c} in {@code dir} (in the build sandbox), with {@code env} added to a
     * small clean environment; each chunk of output goes to {@code output} as (stream, text), stream being "STDOUT"
     * or "STDERR".
     */
    public Result run(String command, File dir, Map<String, String> env, Duration timeout,
            BiConsumer<String, String> output) throws IOException, InterruptedException {
        // a session of its own: in the sandbox bubblewrap makes it (--new-session) and its pid namespace holds the
        // whole step, which dies with it, so the process started is bwrap itself (one exec less, ~5 ms); unconfined,
        // setsid makes it, so that killSession finds what the step left
        List<String> line = new java.util.ArrayList<>(sandbox.isolated() ? List.of() : List.of("setsid", "--wait"));
        // in the sandbox no file of the step grows past the disk limit (bash's ulimit -f, in KiB, sets the hard limit
        // too, which the build user cannot raise; past it the write fails, SIGXFSZ)
        line.addAll(sandbox.command(slot, dir.toPath(), sandbox.isolated() ? "ulimit -f " + (limits.diskMb() << 10)
                + " || exit 125\n" + command : command, repository));
        byte[] input = sandbox.variables(env);
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir);
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR"));
        if (!sandbox.isolated()) {
            environment.putAll(env);
        }
        long killsBefore = group.memoryKills();
        long refusalsBefore = group.processRefusals();
        Process started;
        synchronized (this) {
            if (stopped) {
                return new Result(Outcome.STOPPED, -1);
            }
            started = builder.start();
            process = started;
        }
        long session = started.pid();
        try {
            group.admit(session); // before it reads its input, so before anything of it forks
        } catch (IOException e) {
            Sessions.killSession(session, null);
            throw new IOException("the build step could not be put in its control groups: " + e.getMessage(), e);
        }
        record(session);
        try {
            try (var stdin = started.getOutputStream()) {
                stdin.write(input); // the sandbox reads the build's variables first; then the command reads nothing
            } catch (IOException e) {
                // the process ended before reading them: its exit code says what happened
            }
            Thread out = pump(started.getInputStream(), "STDOUT", output);
            Thread err = pump(started.getErrorStream(), "STDERR", output);
            long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
            boolean exited = false;
            BuildLimits.Kind exceeded = null;
            while (!exited && System.nanoTime() < deadline) {
                exited = started.waitFor(Math.min(DISK_CHECK.toNanos(), deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (!exited && sandbox.isolated() && DiskUsage.bytesUnder(dir.toPath()) > limits.diskMb() << 20) {
                    exceeded = BuildLimits.Kind.DISK;
                    Sessions.killSession(session, null);
                    exited = started.waitFor(READERS.toMillis(), TimeUnit.MILLISECONDS);
                    break;
                }
            }
            // what it left running in the background ends with it: in the sandbox the kernel saw to that when bwrap
            // exited (its pid namespace died with it), so the ~10 ms look through /proc is for the other cases only
            if (!exited || !sandbox.isolated()) {
                Sessions.killSession(session, null);
            }
            int code = started.waitFor();
            finish(out, started.getInputStream(), sandbox.isolated());
            finish(err, started.getErrorStream(), sandbox.isolated());
            synchronized (this) {
                if (stopped) {
                    return new Result(Outcome.STOPPED, code);
                }
            }
            if (exceeded == null) { // what this step met (the counters are the run's)
                exceeded = group.memoryKills() > killsBefore ? BuildLimits.Kind.MEMORY
                        : group.processRefusals() > refusalsBefore ? BuildLimits.Kind.PROCESSES
                                : code == 128 + 25 ? BuildLimits.Kind.DISK : null; // 25: SIGXFSZ, a file too big
            }
            return exited || exceeded != null ? new Result(Outcome.EXITED, code, exceeded)
                    : new Result(Outcome.TIMED_OUT, -1);
        } finally {
            record(0);
        }
    }

    /** The run's control groups (to ask how long its CPU limit held it back). */
    public BuildCgroups.Group group() {
        return group;
    }

    /** Stops the running command and its whole session; commands not started yet will not start. */
    public synchronized void stop() {
        stopped = true;
        if (process != null) {
            Sessions.killSession(process.pid(), null);
        }
    }

    public synchronized boolean stopped() {
        return stopped;
    }

    /**
     * Waits for a reader of the step's output to take everything. In the sandbox its pipe reaches its end when the
     * step ends (the pid namespace died with it), so the reader is waited for to the end: it can only be slow
     * because the log is away, and the log's outage deadline bounds that (cut short, the end of the build's output
     * was lost). Unconfined, a process left in the background can hold the pipe open: waited for
     * {@link #READERS}, then the pipe is closed.
     */
    private static void finish(Thread reader, InputStream stream, boolean toTheEnd) throws InterruptedException {
        if (toTheEnd) {
            reader.join();
            return;
        }
        reader.join(READERS.toMillis());
        if (reader.isAlive()) {
            try {
                stream.close();
            } catch (IOException e) {
                // closing is all that is left to try
            }
            reader.interrupt();
            reader.join(READERS.toMillis());
        }
    }

    private static Thread pump(InputStream stream, String name, BiConsumer<String, String> output) {
        Thread thread = new Thread(() -> {
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                int n;
                while ((n = reader.read(buffer)) > 0) {
                    output.accept(name, new String(buffer, 0, n));
                }
            } catch (IOException e) {
                // the process was killed and its pipe closed: nothing more to read
            }
        }, "build-output-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
