package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.repository.LaneEntry;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Nothing is left stuck: a started deployment whose worker has not been heard of for {@code orphan-after} (the
 * instance crashed or was killed) is reported failed, which frees its environment for the next one. Runs on every
 * instance; the claim is one conditional update, so only one of them reports it.
 */
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);

    private final EventPublisher events;
    private final PipelineConfig config;
    private final PipelineRunner runner;

    public OrphanSweeper(@Channel("pipeline-events-out") MutinyEmitter<SpecificRecord> emitter, PipelineConfig config,
            PipelineRunner runner) {
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.config = config;
        this.runner = runner;
    }

    @Scheduled(every = "${shiplog.sweep-every:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        startStalledHeads();
        failOrphans();
    }

    /**
     * A lane whose first deployment never started (its start was lost in a crash between commit and run, or it was
     * queued by an older version) would wait forever: start it. The claim is one conditional update.
     */
    void startStalledHeads() {
        Instant before = Instant.now().minus(config.orphanAfter());
        for (LaneEntry head : QuarkusTransaction.requiringNew().call(() -> LaneEntry.stalledHeads(before))) {
            boolean claimed = QuarkusTransaction.requiringNew().call(() -> LaneEntry.update(
                    "startedAt = ?1, heartbeatAt = ?1 where deploymentId = ?2 and startedAt is null", Instant.now(),
                    head.deploymentId)) == 1;
            if (claimed) {
                LOG.warnf("deployment %s headed its queue without starting; starting it", head.deploymentId);
                runner.submit(DeploymentSpec.of(head,
                        Envelopes.root(Envelopes.service("pipeline-worker"), head.deploymentId, null)));
            }
        }
    }

    void failOrphans() {
        Instant staleBefore = Instant.now().minus(config.orphanAfter());
        List<LaneEntry> orphans = QuarkusTransaction.requiringNew().call(() -> LaneEntry.orphaned(staleBefore));
        for (LaneEntry orphan : orphans) {
            if (runner.isRunning(orphan.deploymentId) || !claim(orphan.deploymentId, staleBefore)) {
                continue;
            }
            LOG.warnf("deployment %s lost its worker; reporting it failed", orphan.deploymentId);
            events.publish(Topics.environmentKey(orphan.projectId, orphan.environment), DeploymentFailed.newBuilder()
                    .setEnvelope(Envelopes.root(Envelopes.service("pipeline-worker"), orphan.deploymentId, null))
                    .setDeploymentId(orphan.deploymentId).setProjectId(orphan.projectId)
                    .setEnvironment(orphan.environment).setStage(Stage.BUILD)
                    .setReason("the pipeline-worker running it stopped (no heartbeat for "
                            + config.orphanAfter().toSeconds() + " s); it did not go live")
                    .setDurationMillis(Duration.between(orphan.requestedAt, Instant.now()).toMillis())
                    .build());
        }
    }

    /** Takes the orphan for one more sweep period: one conditional update, so two sweepers never both report it. */
    private boolean claim(String deploymentId, Instant staleBefore) {
        return QuarkusTransaction.requiringNew().call(() -> LaneEntry.update(
                "heartbeatAt = ?1 where deploymentId = ?2 and finishedAt is null and heartbeatAt < ?3",
                Instant.now(), deploymentId, staleBefore)) == 1;
    }
}
