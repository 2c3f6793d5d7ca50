package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.domain.app.AppPlan;
import dev.shiplog.pipeline.domain.build.BuildLimits;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.runtime.RuntimeEvents;
import dev.shiplog.pipeline.runtime.RuntimeLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The running instances of one release, supervised: an instance that exits while the release runs is reported on
 * the release's log (its exit code and last output) and started again after a pause that doubles with each crash in
 * a row ({@link AppPlan#restartDelay}); one that has served for a minute is forgiven its crashes. Requests go to the
 * ready instance with the fewest in flight.
 */
final class AppRelease {

    final String deploymentId;
    final ReleaseSpec spec;
    final Path directory;
    final String command;
    final AppPlan plan;
    final RuntimeLogs.Output output;
    private final AtomicReferenceArray<Instance> instances;
    private final int[] crashes;
    private volatile boolean stopping;
    /** When one instance fewer would last not have carried the requests in flight (auto-scaling's cool-down). */
    volatile long lastBusy = System.nanoTime();

    AppRelease(ReleaseSpec spec, Path directory, AppPlan plan, RuntimeLogs.Output output) {
        this.deploymentId = spec.deploymentId();
        this.spec = spec;
        this.directory = directory;
        this.command = spec.startCommand();
        this.plan = plan;
        this.output = output;
        this.instances = new AtomicReferenceArray<>(plan.max());
        this.crashes = new int[plan.max()];
    }

    /** The instances it runs now (some may be starting again). */
    int running() {
        int n = 0;
        for (int i = 0; i < instances.length(); i++) {
            n += instances.get(i) != null ? 1 : 0;
        }
        return n;
    }

    Instance get(int index) {
        return instances.get(index);
    }

    void set(int index, Instance instance) {
        instances.set(index, instance);
    }

    /** It is leaving the traffic: an instance that exits from now on is not a crash (its stop follows). */
    void leaving() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** The instance a request goes to, with its count of requests in flight already raised; null if none is ready. */
    Instance pick() {
        int n = instances.length();
        int[] outstanding = new int[n];
        boolean[] ready = new boolean[n];
        for (int i = 0; i < n; i++) {
            Instance instance = instances.get(i);
            ready[i] = instance != null && instance.ready && !stopping;
            outstanding[i] = instance == null ? 0 : instance.outstanding.get();
        }
        int best = AppPlan.leastOutstanding(outstanding, ready);
        if (best < 0) {
            return null;
        }
        Instance chosen = instances.get(best);
        chosen.outstanding.incrementAndGet();
        return chosen;
    }

    /** How many instances are ready now. */
    int ready() {
        int ready = 0;
        for (int i = 0; i < instances.length(); i++) {
            Instance instance = instances.get(i);
            ready += instance != null && instance.ready ? 1 : 0;
        }
        return ready;
    }

    int inFlight() {
        int sum = 0;
        for (int i = 0; i < instances.length(); i++) {
            Instance instance = instances.get(i);
            sum += instance == null ? 0 : instance.outstanding.get();
        }
        return sum;
    }

    /** Watches {@code instance}: when it exits while the release runs, it is reported and started again. */
    void supervise(Instance instance, Launcher launcher, ScheduledExecutorService timers, Duration startDeadline,
            Duration backoffMax, RuntimeEvents events) {
        long since = System.nanoTime();
        instance.process.onExit().thenRun(() -> {
            if (stopping || instances.get(instance.index) != instance) {
                return;
            }
            instance.ready = false;
            String limit = instance.group.memoryKills() > 0 ? plan.limits().exceeded(BuildLimits.Kind.MEMORY)
                    : instance.group.processRefusals() > 0 ? plan.limits().exceeded(BuildLimits.Kind.PROCESSES)
                            : null;
            instance.group.close();
            instance.slot.close();
            int index = instance.index;
            if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(1)) {
                crashes[index] = 0;
            }
            crashes[index]++;
            Duration pause = AppPlan.restartDelay(crashes[index], backoffMax);
            int code = instance.process.exitValue();
            output.system("instance " + index + " exited with code " + code + (limit == null ? "" : ": " + limit)
                    + "; starting it again in " + pause.toSeconds() + " s (crash " + crashes[index] + " in a row)");
            events.crashed(spec, index, code, output.tail(), (int) pause.toSeconds());
            timers.schedule(() -> restart(index, launcher, timers, startDeadline, backoffMax, events),
                    pause.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void restart(int index, Launcher launcher, ScheduledExecutorService timers, Duration startDeadline,
            Duration backoffMax, RuntimeEvents events) {
        if (stopping || instances.get(index) == null) {
            return; // stopped, or scaled down meanwhile
        }
        try {
            Instance again = launcher.start(deploymentId, directory, command, plan, index, output);
            instances.set(index, again);
            supervise(again, launcher, timers, startDeadline, backoffMax, events);
            String problem = Readiness.await(again, startDeadline);
            if (problem == null) {
                again.ready = true;
                output.system("instance " + index + " is serving again");
            }
        } catch (IOException e) {
            output.system("instance " + index + " could not start again: " + e.getMessage());
            timers.schedule(() -> restart(index, launcher, timers, startDeadline, backoffMax, events),
                    AppPlan.restartDelay(++crashes[index], backoffMax).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Takes the release out of service: it gets no new request, those in flight have {@code drain} to finish, then
     * every instance is stopped ({@code grace} after SIGTERM). Says on the log what happened.
     */
    void stop(Duration drain, Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // in-flight requests end on the event loop: polled, bounded by the drain timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight();
        int killed = 0;
        for (int i = 0; i < instances.length(); i++) {
            Instance instance = instances.get(i);
            if (instance != null && instance != Instance.PLACEHOLDER && instance.stop(grace)) {
                killed++;
            }
        }
        output.system("release stopped" + (left > 0 ? " with " + left + " request(s) still in flight after the drain"
                + " timeout" : "") + (killed > 0 ? "; " + killed + " instance(s) ignored SIGTERM and were killed" : ""));
        output.end();
    }
}
