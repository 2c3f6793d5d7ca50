package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.app.AppPlan;
import dev.shiplog.pipeline.runtime.NotStartedException;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.runtime.RuntimeEvents;
import dev.shiplog.pipeline.runtime.RuntimeLogs;
import dev.shiplog.pipeline.sandbox.AppSlots;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * The server applications this worker runs, by deployment: started (every instance listening) before a release may
 * be verified, supervised while they run, drained and stopped when they leave the traffic, all stopped with the
 * worker. What runs here is memory only: after a restart the reconciler starts again what the log says is live.
 */
@ApplicationScoped
public class Applications {

    private static final Logger LOG = Logger.getLogger(Applications.class);

    private final Launcher launcher;
    private final AppSlots slots;
    private final RuntimeLogs logs;
    private final RuntimeEvents events;
    private final PipelineConfig.Apps config;
    private final ConcurrentHashMap<String, AppRelease> running = new ConcurrentHashMap<>();
    /** Restarts (which wait for an instance to listen) and auto-scaling's looks: a few, so one wait stalls no other. */
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "application-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService stoppers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "application-drain");
        t.setDaemon(true);
        return t;
    });

    public Applications(Launcher launcher, AppSlots slots, RuntimeLogs logs, RuntimeEvents events,
            PipelineConfig config) {
        this.launcher = launcher;
        this.slots = slots;
        this.logs = logs;
        this.events = events;
        this.config = config.runtime();
        new Scaler(launcher, events, this.config, timers, stoppers).start(running.values());
    }

    /**
     * Starts every instance of {@code spec}'s release, unpacked at {@code directory}, and returns once each listens
     * on its PORT; throws with the reason one does not (nothing of it is left running then). A release running
     * here already is left as it is.
     */
    public void start(ReleaseSpec spec, Path directory) throws IOException {
        String id = spec.deploymentId();
        synchronized (lock(id)) {
            if (running.containsKey(id)) {
                return;
            }
            AppPlan plan = AppPlan.of(id, spec.projectId(), spec.environment(), spec.settings(), spec.variables(),
                    spec.secrets(), spec.ownVariables(), launcher.limits(spec.settings()));
            int here = running.values().stream().mapToInt(AppRelease::running).sum();
            String refused = plan.refusal(Math.min(slots.free(), slots.max() - here), slots.max());
            if (refused != null) {
                throw new NotStartedException(refused);
            }
            RuntimeLogs.Output output = logs.open(id, spec.secrets().values());
            AppRelease release = new AppRelease(spec, directory, plan, output);
            output.system("starting " + plan.instances() + " instance(s)" + (plan.autoscaled() ? " (auto-scaling up"
                    + " to " + plan.max() + ")" : "") + ": " + spec.startCommand());
            output.system("each instance's " + plan.limits().describe() + launcher.limitsNote());
            plan.limits().notes().forEach(output::system);
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < plan.instances() && problems.isEmpty(); i++) {
                try {
                    release.set(i, launcher.start(id, directory, spec.startCommand(), plan, i, output));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
            for (int i = 0; i < plan.instances() && problems.isEmpty(); i++) {
                String problem = Readiness.await(release.get(i), config.startDeadline());
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                release.stop(java.time.Duration.ZERO, config.stopGrace());
                String tail = output.tail().strip();
                throw new NotStartedException("the application did not start: " + problems.get(0)
                        + (tail.isEmpty() ? "" : "\n--- last output ---\n" + tail));
            }
            for (int i = 0; i < plan.instances(); i++) {
                release.get(i).ready = true;
                release.supervise(release.get(i), launcher, timers, config.startDeadline(),
                        config.restartBackoffMax(), events);
            }
            running.put(id, release);
            output.system(plan.instances() + " instance(s) listening");
        }
    }

    private Object lock(String deploymentId) {
        return locks.computeIfAbsent(deploymentId, k -> new Object());
    }

    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    /** The release of {@code deploymentId} if it runs here. */
    Optional<AppRelease> release(String deploymentId) {
        return Optional.ofNullable(running.get(deploymentId));
    }

    /** Whether the release runs here (every instance started; some may be restarting). */
    public boolean runs(String deploymentId) {
        return running.containsKey(deploymentId);
    }

    /** How many of the release's instances serve now, and of how many. */
    public int[] health(String deploymentId) {
        AppRelease release = running.get(deploymentId);
        return release == null ? new int[] { 0, 0 } : new int[] { release.ready(), release.running() };
    }

    /**
     * Takes the release out of service in the background: its requests in flight finish (up to the drain
     * timeout), then it is stopped.
     */
    public void retire(String deploymentId) {
        AppRelease release = running.remove(deploymentId);
        if (release != null) {
            release.leaving();
            stoppers.submit(() -> release.stop(config.drainTimeout(), config.stopGrace()));
        }
    }

    @PreDestroy
    void stopAll() {
        List<AppRelease> all = new ArrayList<>(running.values());
        running.clear();
        all.forEach(AppRelease::leaving); // before any stops: the worker's end is no instance's crash
        all.forEach(r -> stoppers.submit(() -> r.stop(java.time.Duration.ofSeconds(1), config.stopGrace())));
        stoppers.shutdown();
        try {
            stoppers.awaitTermination(config.stopGrace().toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        LOG.infof("stopped %d application release(s)", all.size());
    }
}
