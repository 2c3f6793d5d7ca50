package dev.shiplog.pipeline.service;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs the shell commands of one build in its workspace, streaming what they print, under a deadline. A cancel or
 * the deadline kills the whole process tree. Output is read in chunks, never as whole lines, so one huge line
 * cannot exhaust memory.
 */
public final class ProcessRunner {

    /** How a command ended. */
    public enum Outcome { EXITED, TIMED_OUT, CANCELLED }

    /** The end of a command: how, and its exit code when it exited. */
    public record Result(Outcome outcome, int exitCode) {
        public boolean succeeded() {
            return outcome == Outcome.EXITED && exitCode == 0;
        }
    }

    private Process process;
    private boolean cancelled;

    /**
     * Runs {@code command} with {@code bash -c} in {@code dir}, with {@code env} added to a small clean environment;
     * each chunk of output goes to {@code output} as (stream, text), stream being "STDOUT" or "STDERR".
     */
    public Result run(String command, File dir, Map<String, String> env, Duration timeout,
            BiConsumer<String, String> output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", command)).directory(dir);
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR"));
        environment.putAll(env);
        Process started;
        synchronized (this) {
            if (cancelled) {
                return new Result(Outcome.CANCELLED, -1);
            }
            started = builder.start();
            process = started;
        }
        started.getOutputStream().close();
        Thread out = pump(started.getInputStream(), "STDOUT", output);
        Thread err = pump(started.getErrorStream(), "STDERR", output);
        boolean exited = started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            killTree(started);
        }
        int code = started.waitFor();
        out.join();
        err.join();
        synchronized (this) {
            if (cancelled) {
                return new Result(Outcome.CANCELLED, code);
            }
        }
        return exited ? new Result(Outcome.EXITED, code) : new Result(Outcome.TIMED_OUT, -1);
    }

    /** Stops the running command and everything it started; commands not started yet will not start. */
    public synchronized void cancel() {
        cancelled = true;
        if (process != null) {
            killTree(process);
        }
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    private static void killTree(Process p) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
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
