package dev.shiplog.pipeline.service.lane;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts scheduled deployments on time: it sleeps until the earliest time a scheduled deployment waits for (or is
 * woken by a new one), then lets those whose time has come take their place in their lane ({@link LaneCommands#due}).
 * Its state is the lanes' (in the database, from the log): a restart of every service loses no schedule, and one
 * whose time passed while the worker was down starts as soon as it is back. Every instance looks at least every
 * {@link #AT_LEAST} (a schedule another instance's lanes took in); the lane's lock lets one of them act.
 */
@ApplicationScoped
public class ScheduleTimer {

    static final Duration AT_LEAST = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ScheduleTimer.class);

    private final LaneStore lanes;
    private final LaneCommands commands;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> next;

    public ScheduleTimer(LaneStore lanes, LaneCommands commands) {
        this.lanes = lanes;
        this.commands = commands;
    }

    void start(@Observes StartupEvent event) {
        wake();
    }

    /** A deployment was scheduled (or the clock may have passed a time): look now. */
    public synchronized void wake() {
        if (next != null) {
            next.cancel(false);
        }
        next = timer.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Duration sleep = AT_LEAST;
        try {
            Instant now = Instant.now();
            for (LaneEntryEntity due : QuarkusTransaction.requiringNew().call(() -> lanes.dueSchedules(now))) {
                LOG.infof("deployment %s was scheduled for %s: it takes its place", due.deploymentId, due.notBefore);
                commands.due(due.projectId, due.environment, due.deploymentId);
            }
            Instant earliest = QuarkusTransaction.requiringNew().call(lanes::nextSchedule);
            if (earliest != null) {
                Duration until = Duration.between(Instant.now(), earliest);
                sleep = until.isNegative() ? Duration.ZERO : until.compareTo(AT_LEAST) < 0 ? until : AT_LEAST;
            }
        } catch (RuntimeException e) {
            LOG.debugf("schedules not looked at this time: %s", Failures.rootMessage(e));
        }
        synchronized (this) {
            next = timer.schedule(this::tick, Math.max(1, sleep.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
