package dev.shiplog.pipeline.sandbox;

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

    /** How a command ended. */
    public enum Outcome { EXITED, TIMED_OUT, STOPPED }

    /** The end of a command: how, and its exit code when it exited. */
    public record Result(Outcome outcome, int exitCode) {
        public boolean succeeded() {
            return outcome == Outcome.EXITED && exitCode == 0;
        }
    }

    private final Path runningDir;
    private final String tag;
    private final BuildSandbox sandbox;
    private BuildSandbox.Slot slot = BuildSandbox.Slot.NONE;
    private Process process;
    private boolean stopped;

    /**
     * Commands of the run {@code tag} ({@code <deploymentId>-<attempt>}), recorded under {@code runningDir}, run in
     * {@code sandbox}.
     */
    public ProcessRunner(Path runningDir, String tag, BuildSandbox sandbox) {
        this.runningDir = runningDir;
        this.tag = tag;
        this.sandbox = sandbox;
    }

    /** The run starts: its record says this worker owns it; it takes a build network slot of its own. */
    public void open() throws IOException {
        Files.createDirectories(runningDir);
        record(0);
        try {
            slot = sandbox.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a build network slot", e);
        }
    }

    /** The run is over: its record goes, its network slot is free again. */
    public void close() throws IOException {
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
        line.addAll(sandbox.command(slot, dir.toPath(), command));
        byte[] input = sandbox.variables(env);
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir);
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR"));
        if (!sandbox.isolated()) {
            environment.putAll(env);
        }
        Process started;
        synchronized (this) {
            if (stopped) {
                return new Result(Outcome.STOPPED, -1);
            }
            started = builder.start();
            process = started;
        }
        long session = started.pid();
        record(session);
        try {
            try (var stdin = started.getOutputStream()) {
                stdin.write(input); // the sandbox reads the build's variables first; then the command reads nothing
            } catch (IOException e) {
                // the process ended before reading them: its exit code says what happened
            }
            Thread out = pump(started.getInputStream(), "STDOUT", output);
            Thread err = pump(started.getErrorStream(), "STDERR", output);
            boolean exited = started.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            // what it left running in the background ends with it: in the sandbox the kernel saw to that when bwrap
            // exited (its pid namespace died with it), so the ~10 ms look through /proc is for the other cases only
            if (!exited || !sandbox.isolated()) {
                killSession(session, null);
            }
            int code = started.waitFor();
            finish(out, started.getInputStream(), sandbox.isolated());
            finish(err, started.getErrorStream(), sandbox.isolated());
            synchronized (this) {
                if (stopped) {
                    return new Result(Outcome.STOPPED, code);
                }
            }
            return exited ? new Result(Outcome.EXITED, code) : new Result(Outcome.TIMED_OUT, -1);
        } finally {
            record(0);
        }
    }

    /** Stops the running command and its whole session; commands not started yet will not start. */
    public synchronized void stop() {
        stopped = true;
        if (process != null) {
            killSession(process.pid(), null);
        }
    }

    public synchronized boolean stopped() {
        return stopped;
    }

    /**
     * Kills every process of session {@code session} (and the leader's descendants, should one have left it), until
     * none is left. With {@code under}, only processes working under that directory (a session id found in a file
     * may have been reused after a reboot).
     */
    static void killSession(long session, Path under) {
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> members = ProcessHandle.allProcesses()
                    .filter(p -> p.pid() == session || sessionOf(p.pid()) == session)
                    .filter(p -> under == null || workingUnder(p.pid(), under)).toList();
            ProcessHandle.of(session).ifPresent(leader -> leader.descendants().forEach(ProcessHandle::destroyForcibly));
            if (members.isEmpty()) {
                return;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle member : members) {
                try {
                    member.onExit().get(200, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // still dying, or not ours to wait for: the next round looks again
                }
            }
        }
        LOG.warnf("session %d still has processes after 20 rounds of kill", session);
    }

    /**
     * After a crash: kills the sessions that a worker no longer alive left running (their records under
     * {@code runningDir}), only among processes working under {@code workspaces}. Returns the tags it cleaned.
     */
    public static List<String> killOrphans(Path runningDir, Path workspaces) throws IOException {
        if (!Files.isDirectory(runningDir)) {
            return List.of();
        }
        List<String> cleaned = new java.util.ArrayList<>();
        try (var records = Files.list(runningDir)) {
            for (Path record : records.toList()) {
                String[] parts = Files.readString(record).trim().split(" ");
                long worker = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
                if (worker > 0 && ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // its worker lives (another instance on this machine)
                }
                if (parts.length == 2 && Long.parseLong(parts[1]) > 0) {
                    killSession(Long.parseLong(parts[1]), workspaces);
                }
                Files.deleteIfExists(record);
                cleaned.add(record.getFileName().toString());
            }
        }
        return cleaned;
    }

    /** Tags of runs whose worker is alive (this one or another instance on this machine). */
    public static java.util.Set<String> liveTags(Path runningDir) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (!Files.isDirectory(runningDir)) {
            return out;
        }
        try (var records = Files.list(runningDir)) {
            for (Path record : records.toList()) {
                String[] parts = Files.readString(record).trim().split(" ");
                if (parts.length == 2 && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    out.add(record.getFileName().toString());
                }
            }
        }
        return out;
    }

    /** The session id of a process, from /proc/<pid>/stat; -1 if unknown. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean workingUnder(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits a bounded time for a reader; if a process that left the session still holds the pipe, closes it. */
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
