package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.app.AppPlan;
import dev.shiplog.pipeline.runtime.RuntimeLogs;
import dev.shiplog.pipeline.domain.build.BuildLimits;
import dev.shiplog.pipeline.sandbox.AppSlots;
import dev.shiplog.pipeline.sandbox.BuildCgroups;
import dev.shiplog.pipeline.sandbox.BuildSandbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts one instance of a release: in the build sandbox (the build user, namespaces of its own, the release
 * read-only at {@code /tmp/build}, private size-capped {@code /tmp}), in a network namespace of its own
 * ({@link AppSlots}), in control groups with the platform's default build limits, its environment passed as the
 * build's variables are (on bubblewrap's standard input, never on a command line).
 *
 * <p>Every process is started from one long-lived thread: the sandbox dies with the thread that started it
 * (bubblewrap's {@code --die-with-parent}), so no application outlives the worker, and none dies with a pool thread.
 */
@ApplicationScoped
public class Launcher {

    private final BuildSandbox sandbox;
    private final BuildCgroups cgroups;
    private final AppSlots slots;
    private final PipelineConfig.Apps config;
    private final AtomicLong started = new AtomicLong();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "application-starter");
        t.setDaemon(true);
        return t;
    });

    public Launcher(BuildSandbox sandbox, BuildCgroups cgroups, AppSlots slots, PipelineConfig config) {
        this.sandbox = sandbox;
        this.cgroups = cgroups;
        this.slots = slots;
        this.config = config.runtime();
    }

    /** What one instance of a release of an environment with these (flat) settings may use. */
    BuildLimits limits(Map<String, String> settings) {
        PipelineConfig.InstanceLimits l = config.instanceLimits();
        return BuildLimits.of(BuildLimits.Scope.INSTANCE, settings, new BuildLimits.Platform(l.memoryMb(),
                l.processes(), l.cpus(), 0, l.maxMemoryMb(), l.maxProcesses(), l.maxCpus(), 0));
    }

    /** What the log says after the limits where cgroups do not hold them here: why not; else nothing. */
    String limitsNote() {
        String problem = sandbox.isolated() ? cgroups.problem() : "instances are not isolated (shiplog.build"
                + ".isolation=none): no limit is enforced";
        return problem == null ? "" : " (" + problem + ")";
    }

    /** Starts instance {@code index} of a release unpacked at {@code release}; throws with the reason it cannot. */
    Instance start(String deploymentId, Path release, String command, AppPlan plan, int index,
            RuntimeLogs.Output output) throws IOException {
        AppSlots.Slot slot = slots.take(AppPlan.PORT);
        if (slot == null) {
            throw new IOException("every application slot of this worker is taken (shiplog.runtime.app-slots = "
                    + slots.max() + "): instance " + index + " cannot start");
        }
        BuildCgroups.Group group = BuildCgroups.Group.NONE;
        try {
            // the worker's pid in it: the workers of a machine share the groups' parent, never a group
            group = cgroups.open("app-" + deploymentId + "-" + index + "-" + ProcessHandle.current().pid() + "-"
                    + started.incrementAndGet(), plan.limits());
            Map<String, String> env = new java.util.TreeMap<>(plan.environmentOf(index));
            env.put("PORT", Integer.toString(slot.port));
            List<String> line = new ArrayList<>(sandbox.isolated() ? List.of() : List.of("setsid", "--wait"));
            line.addAll(sandbox.application(slot.netns, release, command));
            ProcessBuilder builder = new ProcessBuilder(line).directory(release.toFile()).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("PATH", "LANG", "JAVA_HOME"));
            if (!sandbox.isolated()) {
                builder.environment().putAll(env);
            }
            Process process = launch(builder);
            BuildCgroups.Group admitted = group;
            try {
                admitted.admit(process.pid()); // before it reads its input, so before anything of it forks
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException("instance " + index + " could not be put in its control groups: "
                        + e.getMessage(), e);
            }
            try (var stdin = process.getOutputStream()) {
                stdin.write(sandbox.variables(env));
            } catch (IOException e) {
                // it ended before reading them: its exit says what happened
            }
            Instance instance = new Instance(index, slot, process, group);
            instance.pump(process.getInputStream(), output, config.maxOutputBytes());
            return instance;
        } catch (IOException | RuntimeException e) {
            group.close();
            slot.close();
            throw e;
        }
    }

    private Process launch(ProcessBuilder builder) throws IOException {
        try {
            return starter.submit(builder::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting an instance", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
