package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.lane.Decision;
import dev.shiplog.pipeline.lane.DeploymentEvents;
import dev.shiplog.pipeline.lane.Entry;
import dev.shiplog.pipeline.lane.Lane;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.ArtifactVersions;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.repository.RetentionStore;
import dev.shiplog.pipeline.service.job.JobRunner;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The lanes and the release history, kept from {@code shiplog.deployment.events} in log order (one environment's
 * events are in one partition): each event is applied to its environment's {@link Lane}, whose decisions are
 * carried out here: events written before the transaction commits (a crash in between re-delivers the cause, and
 * the same decisions are made again), runs started and stopped after it commits. Replayed into a rebuilt
 * projection, an event changes the tables and nothing else. Every change to the lanes, from the log or not, holds the
 * projection's gate, so a rebuild's switch never loses one.
 */
@ApplicationScoped
public class LaneService implements Projection {

    public static final String CONSUMER = "pipeline-worker.scheduler";

    /** The answer to a run's claim on the point of no return. */
    public enum Claim {
        GRANTED, CANCELLED, NOT_YOURS
    }

    private final LaneStore lanes;
    private final ReleaseStore releases;
    private final ArtifactVersions versions;
    private final EventPublisher events;
    private final DeploymentEvents factory = DeploymentEvents.system();
    private final WorkerIdentity self;
    private final JobRunner runner;
    private final RuntimeReconciler reconciler;
    private final TransactionSynchronizationRegistry transactions;
    private final ProjectionGate gate;
    private final RetentionStore retention;
    private final ArtifactCleaner cleaner;
    private final java.time.Duration defaultBake;

    public LaneService(LaneStore lanes, ReleaseStore releases, ArtifactVersions versions,
            @DeploymentEventsLog EventPublisher events, WorkerIdentity self, JobRunner runner,
            RuntimeReconciler reconciler, TransactionSynchronizationRegistry transactions, ProjectionGate gate,
            RetentionStore retention, ArtifactCleaner cleaner, PipelineConfig config) {
        this.gate = gate;
        this.retention = retention;
        this.cleaner = cleaner;
        this.defaultBake = config.bake().period();
        this.lanes = lanes;
        this.releases = releases;
        this.versions = versions;
        this.events = events;
        this.self = self;
        this.runner = runner;
        this.reconciler = reconciler;
        this.transactions = transactions;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        SpecificRecord event = delivery.event();
        Envelope cause = delivery.envelope();
        if (event instanceof DeploymentRequested e) {
            if (LaneEntryEntity.findById(e.getDeploymentId()) != null) {
                return; // the same request on the log twice (a client's retry): it keeps its first place
            }
            Entry requested = Entry.of(e.getDeploymentId(), delivery.offset(), cause.getOccurredAt(), e.getVersion(),
                    e.getApprovalRequired() ? e.getApprovalExpiresAt() : null, e.getNotBefore(), restore(e));
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled", requested, lane -> {
                insert(e, delivery.offset()); // once the lane is locked, so it is not in the lane as loaded
                return lane.request(requested, cause, self.id());
            });
        } else if (event instanceof DeploymentApproved e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled",
                    lane -> lane.approve(e.getDeploymentId(), cause, self.id()));
        } else if (event instanceof DeploymentQueued e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, null,
                    lane -> lane.queuedOnLog(e.getDeploymentId(), cause, self.id()));
        } else if (event instanceof EnvironmentUnpinned e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, null, Lane::unpin);
        } else if (event instanceof RetentionPolicySet e) {
            retention.policySet(e.getProjectId(), e.getKeepLast(), e.getKeepDays());
        } else if (event instanceof ArtifactDeleted e) {
            retention.deleted(e.getProjectId(), e.getArtifactId(), cause.getOccurredAt());
        } else if (event instanceof ArtifactCleanupRequested e) {
            if (!delivery.replay()) {
                afterCommit(() -> cleaner.cleanLater(e.getProjectId(), cause));
            }
        } else if (event instanceof DeploymentRejected e) {
            String why = "rejected by " + cause.getActor()
                    + (e.getReason() == null ? "" : ": " + FieldRules.storable(e.getReason()));
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled",
                    lane -> lane.reject(e.getDeploymentId(), why, cause, self.id()));
        } else if (event instanceof CancellationRequested e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled",
                    lane -> lane.cancel(e.getDeploymentId(), FieldRules.storable(e.getReason()), cause, self.id()));
        } else if (event instanceof DeploymentSucceeded e) {
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "succeeded", delivery);
        } else if (event instanceof DeploymentFailed e) {
            releases.withdraw(e.getDeploymentId());
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "failed", delivery);
        } else if (event instanceof DeploymentCancelled e) {
            releases.withdraw(e.getDeploymentId());
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "cancelled", delivery);
        } else if (event instanceof ReleaseActivated e) {
            ReleaseEntity release = ReleaseStore.release(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(),
                    e.getArtifactId(), e.getDeploymentUrl(), e.getEnvironmentUrl(), e.getPreviousDeploymentId(),
                    delivery.offset(), cause.getOccurredAt());
            bake(release, LaneEntryEntity.findById(e.getDeploymentId()));
            releases.activated(release);
            reconcileAfterCommit(e.getProjectId(), e.getEnvironment(), delivery);
        } else if (event instanceof ArtifactStored e) {
            versions.stored(e.getProjectId(), e.getArtifactId(), e.getArtifactVersion(), e.getSizeBytes(),
                    cause.getOccurredAt());
        }
    }

    /**
     * A record the lane acts on could not be processed: its deployment still ends (failed, with the reason), and the
     * lane goes on. Needs the ids to be valid: without them there is no deployment to end.
     */
    @Override
    public void onPoison(Delivery delivery, String reason) {
        SpecificRecord event = delivery.event();
        boolean terminal = event instanceof DeploymentSucceeded || event instanceof DeploymentFailed
                || event instanceof DeploymentCancelled;
        if (!terminal && !(event instanceof DeploymentRequested || event instanceof CancellationRequested
                || event instanceof ReleaseActivated)) {
            return;
        }
        String deploymentId = text(event, "deploymentId");
        String projectId = text(event, "projectId");
        String environment = text(event, "environment");
        if (deploymentId == null || projectId == null || environment == null
                || FieldRules.identifier(deploymentId) != null || FieldRules.name(projectId) != null
                || FieldRules.name(environment) != null) {
            return;
        }
        change(projectId, environment, delivery, "failed", lane -> lane.poisoned(deploymentId, terminal,
                delivery.type() + ": " + reason, delivery.envelope(), self.id()));
    }

    /** A run asks to go live. Granted at most once, to the attempt that holds the lane, unless cancelled first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claimActivation(String projectId, String environment, String deploymentId, int attempt) {
        gate.enter();
        List<Entry> before = lanes.lockLane(projectId, environment);
        Lane lane = new Lane(projectId, environment, before, factory);
        if (lane.claimActivation(deploymentId, attempt, self.id())) {
            lanes.save(before, lane.entries(), Instant.now(), null);
            return Claim.GRANTED;
        }
        return lane.entry(deploymentId).filter(e -> e.cancelReason() != null && self.id().equals(e.owner())
                && e.attempt() == attempt).isPresent() ? Claim.CANCELLED : Claim.NOT_YOURS;
    }

    /** The sweeper found {@code orphan} without a live worker: adopt it (run again, or end it as the log says). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void adopt(LaneEntryEntity orphan, int maxAttempts) {
        gate.enter();
        ReleaseEntity live = ReleaseEntity.live(orphan.projectId, orphan.environment);
        Lane.Release release = live == null ? null
                : new Lane.Release(live.deploymentId, live.artifactId, live.deploymentUrl, live.environmentUrl,
                        live.previousDeploymentId);
        Envelope cause = sweeperCause(orphan.deploymentId);
        change(orphan.projectId, orphan.environment, null, null,
                lane -> lane.orphan(orphan.deploymentId, release, maxAttempts, cause, self.id()));
    }

    /** The sweeper found a deployment whose approval expired: it is cancelled. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expire(String projectId, String environment, String deploymentId) {
        gate.enter();
        change(projectId, environment, null, "cancelled",
                lane -> lane.expire(deploymentId, Instant.now(), sweeperCause(deploymentId), self.id()));
    }

    /** A scheduled deployment's time has come: it takes its place (or is cancelled, if the environment is pinned). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void due(String projectId, String environment, String deploymentId) {
        gate.enter();
        change(projectId, environment, null, "cancelled",
                lane -> lane.due(deploymentId, Instant.now(), sweeperCause(deploymentId), self.id()));
    }

    /** The sweeper found a lane whose head waits although nothing runs: start it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void startStalled(String projectId, String environment, String deploymentId) {
        gate.enter();
        change(projectId, environment, null, null,
                lane -> lane.startStalledHead(sweeperCause(deploymentId), self.id()));
    }

    private void finish(String projectId, String environment, String deploymentId, String outcome,
            Delivery delivery) {
        change(projectId, environment, delivery, outcome,
                lane -> lane.finish(deploymentId, delivery.envelope(), self.id()));
        reconcileAfterCommit(projectId, environment, delivery);
    }

    private void change(String projectId, String environment, Delivery delivery, String outcome,
            java.util.function.Function<Lane, List<Decision>> operation) {
        change(projectId, environment, delivery, outcome, null, operation);
    }

    /**
     * Loads and locks the lane, applies {@code operation}, stores the lane (and its pin), carries out the decisions.
     * {@code joining}: a request the operation adds, which may also leave at once (finished with {@code outcome}).
     */
    private void change(String projectId, String environment, Delivery delivery, String outcome, Entry joining,
            java.util.function.Function<Lane, List<Decision>> operation) {
        List<Entry> before = lanes.lockLane(projectId, environment);
        Lane.Pin pinned = lanes.pin(projectId, environment);
        Lane lane = new Lane(projectId, environment, before, pinned, factory);
        List<Decision> decisions = operation.apply(lane);
        Instant at = delivery == null ? Instant.now() : delivery.occurredAt();
        List<Entry> known = before;
        if (joining != null) {
            known = new java.util.ArrayList<>(before);
            known.add(joining);
        }
        lanes.save(known, lane.entries(), at, outcome);
        lanes.savePin(projectId, environment, pinned, lane.pin(), at);
        if (delivery != null && delivery.replay()) {
            return; // a rebuild: the decisions were made and carried out when the event was first applied
        }
        String key = Topics.environmentKey(projectId, environment);
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Emit emit) {
                events.publish(key, emit.event());
            } else if (decision instanceof Decision.Run run) {
                afterCommit(() -> runner.run(run.deploymentId(), run.attempt()));
            } else if (decision instanceof Decision.Stop stop) {
                afterCommit(() -> runner.stop(stop.deploymentId()));
            }
        }
    }

    private void insert(DeploymentRequested e, long position) {
        LaneEntryEntity row = new LaneEntryEntity();
        row.deploymentId = e.getDeploymentId();
        row.projectId = e.getProjectId();
        row.environment = e.getEnvironment();
        row.position = position;
        row.requestedAt = e.getEnvelope().getOccurredAt();
        row.requestEventId = e.getEnvelope().getEventId();
        row.version = e.getVersion();
        row.gitUrl = e.getSource().getGitUrl();
        row.gitCommit = e.getSource().getGitCommit();
        row.gitBranch = e.getSource().getGitBranch();
        row.archiveId = e.getSource().getArchiveId();
        row.config = encode(e.getConfig()::toByteBuffer);
        row.state = e.getApprovalRequired() ? "awaiting" : "queued";
        row.approvalExpiresAt = e.getApprovalExpiresAt();
        row.notBefore = e.getNotBefore();
        row.artifactId = e.getArtifactId();
        Entry.Restore restore = restore(e);
        if (restore != null) {
            row.restoreKind = restore.kind().name().toLowerCase(java.util.Locale.ROOT);
            row.restoreFrom = restore.from();
            row.restoreReplaced = restore.replaced();
            row.restoreReason = FieldRules.storable(restore.reason());
            row.restoreAutomatic = restore.automatic();
        }
        row.snapshot = e.getSnapshot() == null ? null : encode(e.getSnapshot()::toByteBuffer);
        row.persist();
    }

    /** What the request restores, if it builds nothing. */
    static Entry.Restore restore(DeploymentRequested e) {
        if (e.getRollback() != null) {
            return Entry.Restore.rollback(e.getRollback().getTargetDeploymentId(),
                    e.getRollback().getReplacedDeploymentId(), e.getRollback().getReason(),
                    e.getRollback().getAutomatic());
        }
        return e.getPromotedFrom() == null ? null : Entry.Restore.promotion(e.getPromotedFrom());
    }

    /**
     * A new live release is watched for its bake period (the deployment's environment snapshot, else the
     * platform's default) on its health path; a rollback is not (it returns to a release that was healthy).
     */
    private void bake(ReleaseEntity release, LaneEntryEntity request) {
        if (request == null || "rollback".equals(request.restoreKind)) {
            return;
        }
        EnvironmentSnapshot snapshot = request.snapshot == null ? null : decodeSnapshot(request.snapshot);
        java.time.Duration bake = snapshot != null && snapshot.getBakeSeconds() != null
                ? java.time.Duration.ofSeconds(snapshot.getBakeSeconds()) : defaultBake;
        if (bake.isZero()) {
            return;
        }
        release.bakeUntil = release.activatedAt.plus(bake);
        String path = dev.shiplog.pipeline.service.job.DeploymentSpec.of(request).healthCheckPath();
        release.healthPath = path == null || FieldRules.healthCheckPath(path) != null ? "/" : path;
    }

    private void reconcileAfterCommit(String projectId, String environment, Delivery delivery) {
        if (!delivery.replay()) {
            afterCommit(() -> reconciler.reconcile(projectId, environment));
        }
    }

    private static Envelope sweeperCause(String deploymentId) {
        return Envelope.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setActor(DeploymentEvents.ACTOR).setCorrelationId(deploymentId).build();
    }

    private static String text(SpecificRecord event, String field) {
        Schema.Field f = event.getSchema().getField(field);
        Object value = f == null ? null : event.get(f.pos());
        return value == null ? null : value.toString();
    }

    static EnvironmentSnapshot decodeSnapshot(byte[] bytes) {
        try {
            return EnvironmentSnapshot.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Avro's single-object encoding of a record, as its generated {@code toByteBuffer} gives it. */
    private interface Encoding {
        ByteBuffer get() throws IOException;
    }

    private static byte[] encode(Encoding encoding) {
        try {
            ByteBuffer buffer = encoding.get();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
