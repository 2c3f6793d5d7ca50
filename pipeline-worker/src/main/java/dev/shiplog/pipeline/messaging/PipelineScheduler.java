package dev.shiplog.pipeline.messaging;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.repository.LaneEntry;
import dev.shiplog.pipeline.service.DeploymentSpec;
import dev.shiplog.pipeline.service.PipelineRunner;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * One deployment at a time per environment. Every environment's events are in one partition, so this consumer sees
 * them in order: a request joins its environment's lane and is told its place (DeploymentQueued); the head of the
 * lane runs ({@link PipelineRunner}); a finished deployment leaves the lane and the next one starts.
 *
 * <p>Events are published (and acknowledged) before the transaction that records their cause commits: a crash in
 * between re-delivers the cause, which publishes the same facts again. Never lost, at worst repeated. A run starts
 * only after its transaction committed.
 */
@ApplicationScoped
public class PipelineScheduler {

    static final String CONSUMER = "pipeline-worker.scheduler";
    static final String ACTOR = Envelopes.service("pipeline-worker");
    private static final Logger LOG = Logger.getLogger(PipelineScheduler.class);

    private final EventHandler handler;
    private final EventPublisher events;
    private final PipelineRunner runner;
    private final TransactionSynchronizationRegistry transactions;

    public PipelineScheduler(EventHandler handler,
            @Channel("pipeline-events-out") MutinyEmitter<SpecificRecord> emitter, PipelineConfig config,
            PipelineRunner runner, TransactionSynchronizationRegistry transactions) {
        this.handler = handler;
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.runner = runner;
        this.transactions = transactions;
    }

    @Incoming("pipeline")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_EVENTS.name(), event, this::apply);
    }

    void apply(SpecificRecord event) {
        if (event instanceof DeploymentRequested requested) {
            enqueue(requested);
        } else if (event instanceof CancellationRequested e) {
            cancel(e);
        } else if (event instanceof DeploymentSucceeded e) {
            finish(e.getDeploymentId(), "succeeded");
        } else if (event instanceof DeploymentFailed e) {
            finish(e.getDeploymentId(), "failed");
        } else if (event instanceof DeploymentCancelled e) {
            finish(e.getDeploymentId(), "cancelled");
        } else {
            LOG.debugf("scheduler ignores %s", event.getSchema().getName());
        }
    }

    private void enqueue(DeploymentRequested requested) {
        if (LaneEntry.findById(requested.getDeploymentId()) != null) {
            return; // the same request reached the log twice (a client retry): it keeps its first place
        }
        LaneEntry entry = new LaneEntry();
        entry.deploymentId = requested.getDeploymentId();
        entry.projectId = requested.getProjectId();
        entry.environment = requested.getEnvironment();
        entry.requestedAt = requested.getEnvelope().getOccurredAt();
        entry.version = requested.getVersion();
        entry.gitUrl = requested.getSource().getGitUrl();
        entry.gitCommit = requested.getSource().getGitCommit();
        entry.gitBranch = requested.getSource().getGitBranch();
        entry.archiveId = requested.getSource().getArchiveId();
        entry.config = encode(requested.getConfig());
        entry.persistAndFlush();
        List<LaneEntry> lane = LaneEntry.lane(entry.projectId, entry.environment);
        int position = lane.indexOf(entry);
        events.publish(Topics.environmentKey(entry.projectId, entry.environment), DeploymentQueued.newBuilder()
                .setEnvelope(Envelopes.causedBy(requested.getEnvelope(), ACTOR))
                .setDeploymentId(entry.deploymentId)
                .setProjectId(entry.projectId)
                .setEnvironment(entry.environment)
                .setPosition(position)
                .setBlockedBy(position == 0 ? null : lane.get(0).deploymentId)
                .build());
        if (position == 0) {
            start(entry, requested.getEnvelope());
        }
    }

    private void cancel(CancellationRequested request) {
        LaneEntry entry = LaneEntry.findById(request.getDeploymentId());
        if (entry == null || entry.finishedAt != null) {
            return; // unknown or already over: nothing to stop
        }
        entry.cancelReason = request.getReason() == null ? "cancelled" : request.getReason();
        if (entry.startedAt == null) {
            // leaves the lane now, not when its DeploymentCancelled comes back: the deployment ahead of it may finish
            // in between, and the next one to start must not be this one
            entry.finishedAt = Instant.now();
            entry.outcome = "cancelled";
            events.publish(Topics.environmentKey(entry.projectId, entry.environment), DeploymentCancelled.newBuilder()
                    .setEnvelope(Envelopes.causedBy(request.getEnvelope(), ACTOR))
                    .setDeploymentId(entry.deploymentId).setProjectId(entry.projectId)
                    .setEnvironment(entry.environment).setStage(null).setReason(request.getReason()).build());
        } else {
            afterCommit(() -> runner.cancel(entry.deploymentId)); // elsewhere, its worker sees cancel_reason
        }
    }

    private void finish(String deploymentId, String outcome) {
        LaneEntry entry = LaneEntry.findById(deploymentId);
        if (entry == null) {
            return;
        }
        if (entry.finishedAt == null) {
            entry.finishedAt = Instant.now();
        }
        if (entry.outcome == null) {
            entry.outcome = outcome;
        }
        List<LaneEntry> lane = LaneEntry.lane(entry.projectId, entry.environment);
        if (!lane.isEmpty() && lane.get(0).startedAt == null) {
            LaneEntry next = lane.get(0);
            start(next, Envelopes.root(ACTOR, next.deploymentId, null));
        }
    }

    /** Marks {@code entry} started and runs it once this transaction has committed. */
    private void start(LaneEntry entry, dev.shiplog.schema.common.Envelope cause) {
        entry.startedAt = Instant.now();
        entry.heartbeatAt = entry.startedAt;
        DeploymentSpec spec = DeploymentSpec.of(entry, cause);
        afterCommit(() -> runner.submit(spec));
    }

    private static byte[] encode(DeploymentConfig config) {
        try {
            java.nio.ByteBuffer buffer = config.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
