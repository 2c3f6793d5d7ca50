package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts scheduled deployments on time: every {@value #TICK_MS} ms it looks for those whose time has come and lets
 * them take their place in their lane ({@link LaneService#due}), so a deployment starts within a second of its time.
 * Its state is the lanes' (in the database, from the log): a restart of every service loses no schedule, and one
 * whose time passed while the worker was down starts as soon as it is back. Every instance looks; the lane's lock
 * lets one of them act.
 */
@ApplicationScoped
public class ScheduleTimer {

    static final long TICK_MS = 100;
    private static final Logger LOG = Logger.getLogger(ScheduleTimer.class);

    private final LaneStore lanes;
    private final LaneService laneService;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    public ScheduleTimer(LaneStore lanes, LaneService laneService) {
        this.lanes = lanes;
        this.laneService = laneService;
    }

    void start(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            for (LaneEntryEntity due : QuarkusTransaction.requiringNew().call(() -> lanes.dueSchedules(Instant.now()))) {
                LOG.infof("deployment %s was scheduled for %s: it takes its place", due.deploymentId, due.notBefore);
                laneService.due(due.projectId, due.environment, due.deploymentId);
            }
        } catch (RuntimeException e) {
            LOG.debugf("schedules not looked at this tick: %s", Failures.rootMessage(e));
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
