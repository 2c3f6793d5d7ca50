package dev.shiplog.pipeline.runtime.app;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.app.Scaling;
import dev.shiplog.pipeline.runtime.RuntimeEvents;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Auto-scaling of the releases that run between {@code scaling.min} and {@code scaling.max}
 * ({@link Scaling}, the rule): every quarter second it looks at each one's requests in flight; a new instance
 * serves once it listens; an instance taken out gets no new request, finishes those it has (up to the drain
 * timeout) and stops. Every change is on the release's runtime log and the event log (ApplicationScaled).
 */
final class Scaler {

    private final Launcher launcher;
    private final RuntimeEvents events;
    private final PipelineConfig.Apps config;
    private final ScheduledExecutorService timers;
    private final ExecutorService background;

    Scaler(Launcher launcher, RuntimeEvents events, PipelineConfig.Apps config, ScheduledExecutorService timers,
            ExecutorService background) {
        this.launcher = launcher;
        this.events = events;
        this.config = config;
        this.timers = timers;
        this.background = background;
    }

    void start(Collection<AppRelease> releases) {
        timers.scheduleWithFixedDelay(() -> releases.stream().filter(r -> r.plan.autoscaled() && !r.stopping())
                .forEach(this::look), 250, 250, TimeUnit.MILLISECONDS);
    }

    private void look(AppRelease release) {
        int current = release.running();
        int inFlight = release.inFlight();
        long now = System.nanoTime();
        if (!Scaling.oneFewerSuffices(current, inFlight, config.scaleTarget())) {
            release.lastBusy = now;
        }
        Scaling.Change change = Scaling.decide(current, release.plan.min(), release.plan.max(), inFlight,
                (now - release.lastBusy) / 1_000_000, config.scaleTarget(), config.scaleDownAfter().toMillis());
        if (change == null) {
            return;
        }
        release.lastBusy = now; // the next step down waits a whole cool-down again
        release.output.system("scaling from " + current + " to " + change.instances() + " instance(s): "
                + change.reason());
        events.scaled(release.spec, current, change.instances(), change.reason());
        if (change.instances() > current) {
            for (int i = 0, added = 0; i < release.plan.max() && added < change.instances() - current; i++) {
                if (release.get(i) == null) {
                    int index = i;
                    release.set(index, Instance.PLACEHOLDER); // taken: the next look counts it
                    added++;
                    background.submit(() -> grow(release, index));
                }
            }
        } else {
            for (int i = release.plan.max() - 1; i >= 0; i--) {
                Instance leaving = release.get(i);
                if (leaving != null && leaving != Instance.PLACEHOLDER) {
                    release.set(i, null); // no new request goes to it
                    background.submit(() -> {
                        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
                        while (leaving.outstanding.get() > 0 && System.nanoTime() < deadline) {
                            try {
                                Thread.sleep(20); // its requests end on the event loop: polled, bounded
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                        leaving.stop(config.stopGrace());
                    });
                    return;
                }
            }
        }
    }

    private void grow(AppRelease release, int index) {
        try {
            Instance started = launcher.start(release.deploymentId, release.directory, release.command, release.plan,
                    index, release.output);
            if (release.stopping()) {
                started.stop(config.stopGrace());
                return;
            }
            release.set(index, started);
            release.supervise(started, launcher, timers, config.startDeadline(), config.restartBackoffMax(), events);
            String problem = Readiness.await(started, config.startDeadline());
            if (problem == null) {
                started.ready = true;
            } else {
                release.output.system("the new instance " + index + " did not come up: " + problem);
            }
        } catch (IOException e) {
            release.set(index, null);
            release.output.system("instance " + index + " could not start: " + e.getMessage());
        }
    }
}
