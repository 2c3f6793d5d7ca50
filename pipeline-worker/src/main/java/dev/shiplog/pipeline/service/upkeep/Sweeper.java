package dev.shiplog.pipeline.service.upkeep;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import dev.shiplog.pipeline.service.job.JobRunner;
import dev.shiplog.pipeline.service.lane.LaneCommands;
import dev.shiplog.pipeline.service.live.RuntimeReconciler;
import dev.shiplog.schema.EnvironmentRef;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Nothing is left stuck, and nothing is judged on a stale view. Every few seconds, on every instance, once the lanes
 * have read the log up to the last mark ({@link LogPosition}) and this instance has itself been alive for longer than
 * the orphan silence ({@link WorkerIdentity}):
 * <ul>
 * <li>a running deployment whose instance is gone is adopted ({@link LaneCommands#adopt}): run again, or ended as
 * the log shows it (live: succeeded; being cancelled: cancelled; tried too often: failed);</li>
 * <li>a deployment that waited for an approval past its time is cancelled;</li>
 * <li>a lane with deployments waiting asks its rule whether one should run and does not (a lost start): it runs;</li>
 * <li>after a start or an adoption, every environment serves what the log says is live ({@link RuntimeReconciler}).</li>
 * </ul>
 * Each adoption locks its lane, so two sweepers never adopt the same deployment twice.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final PipelineConfig config;
    private final LaneStore lanes;
    private final LaneCommands laneService;
    private final JobRunner runner;
    private final WorkerIdentity self;
    private final LogPosition log;
    private final RuntimeReconciler reconciler;
    private boolean reconciledOnce;
    /** This instance's own running deployments that the last sweep found running nowhere here. */
    private java.util.Set<String> ownSuspects = java.util.Set.of();

    public Sweeper(PipelineConfig config, LaneStore lanes, LaneCommands laneService, JobRunner runner,
            WorkerIdentity self, LogPosition log, RuntimeReconciler reconciler) {
        this.config = config;
        this.lanes = lanes;
        this.laneService = laneService;
        this.runner = runner;
        this.self = self;
        this.log = log;
        this.reconciler = reconciler;
    }

    @Scheduled(every = "${shiplog.sweep-every:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            if (!log.caughtUp()) {
                return;
            }
            if (!reconciledOnce) {
                reconciler.reconcileAll();
                reconciledOnce = true;
            } else {
                reconciler.reconcileBehind();
            }
            // a worker of this machine whose process is gone is judged at once; any other after its silence,
            // once this instance has itself been beating that long
            List<LaneEntryEntity> orphans = new java.util.ArrayList<>(QuarkusTransaction.requiringNew()
                    .call(lanes::running).stream().filter(e -> self.goneFromThisMachine(e.owner)).toList());
            boolean judging = self.beatingFor(config.orphanAfter());
            if (judging) {
                java.util.Set<String> seen = new java.util.HashSet<>(orphans.stream().map(e -> e.deploymentId)
                        .toList());
                QuarkusTransaction.requiringNew().call(() -> lanes.orphans(config.orphanAfter(), self.id(),
                        runner.runningHere())).stream().filter(e -> seen.add(e.deploymentId)).forEach(orphans::add);
            }
            orphans = ownSeenTwice(orphans);
            for (LaneEntryEntity orphan : orphans) {
                LOG.warnf("deployment %s (attempt %d) has no live worker (%s); adopting it", orphan.deploymentId,
                        orphan.attempt, orphan.owner == null ? "let go" : orphan.owner);
                laneService.adopt(orphan, config.maxAttempts());
            }
            if (!judging) {
                return;
            }
            for (LaneEntryEntity waiting : QuarkusTransaction.requiringNew().call(lanes::expiredApprovals)) {
                LOG.infof("deployment %s waited for an approval until %s; cancelling it", waiting.deploymentId,
                        waiting.approvalExpiresAt);
                laneService.expire(waiting.projectId, waiting.environment, waiting.deploymentId);
            }
            for (EnvironmentRef lane : QuarkusTransaction.requiringNew().call(lanes::lanesWithWaiting)) {
                if (laneService.startStalled(lane)) {
                    LOG.warnf("the head of %s waited although nothing ran there; it runs now", lane);
                }
            }
        } catch (Exception e) {
            LOG.warnf("sweep skipped: %s", Failures.rootMessage(e));
        }
    }

    /**
     * A deployment this very instance leased is adopted only when two sweeps in a row find it running nowhere here:
     * a lease is committed a moment before its run is handed to the runner (after the commit), and a sweep in that
     * moment saw it as an orphan and ran it a second time (seen in CI: two attempts' first stages on the log).
     * Others' deployments are judged as before.
     */
    private List<LaneEntryEntity> ownSeenTwice(List<LaneEntryEntity> orphans) {
        Judged judged = judge(self.id(), orphans, ownSuspects);
        ownSuspects = judged.suspects();
        return judged.adopt();
    }

    /** What a sweep adopts, and this instance's own deployments it only suspects (adopted if seen again). */
    record Judged(List<LaneEntryEntity> adopt, java.util.Set<String> suspects) {
    }

    static Judged judge(String self, List<LaneEntryEntity> orphans, java.util.Set<String> suspects) {
        java.util.Set<String> own = new java.util.HashSet<>();
        List<LaneEntryEntity> adopt = new java.util.ArrayList<>();
        for (LaneEntryEntity orphan : orphans) {
            String key = orphan.deploymentId + "/" + orphan.attempt;
            if (!self.equals(orphan.owner) || suspects.contains(key)) {
                adopt.add(orphan);
            } else {
                own.add(key);
            }
        }
        return new Judged(adopt, own);
    }
}
