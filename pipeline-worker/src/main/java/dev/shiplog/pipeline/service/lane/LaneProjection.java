package dev.shiplog.pipeline.service.lane;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.health.Bake;
import dev.shiplog.pipeline.domain.lane.Decision;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.domain.lane.Lane;
import dev.shiplog.pipeline.mapping.Requests;
import dev.shiplog.pipeline.repository.ArtifactVersions;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.repository.RetentionStore;
import dev.shiplog.pipeline.service.job.DeploymentSpec;
import dev.shiplog.pipeline.service.live.RuntimeReconciler;
import dev.shiplog.pipeline.service.retention.ArtifactCleaner;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentGoingLive;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.ReleaseBaked;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The lanes and the release history, kept from {@code shiplog.deployment.events} in log order (one environment's
 * events are in one partition): each event is applied to its environment's lane ({@link LaneChanges}), whose
 * decisions are written through the outbox and whose runs start once the transaction committed. Replayed into a
 * rebuilt projection, an event changes the tables and nothing else.
 */
@ApplicationScoped
public class LaneProjection implements Projection {

    public static final String CONSUMER = "pipeline-worker.scheduler";

    private final LaneChanges changes;
    private final ReleaseStore releases;
    private final ArtifactVersions versions;
    private final RetentionStore retention;
    private final ArtifactCleaner cleaner;
    private final RuntimeReconciler reconciler;
    private final ScheduleTimer schedules;
    private final Duration defaultBake;

    public LaneProjection(LaneChanges changes, ReleaseStore releases, ArtifactVersions versions,
            RetentionStore retention, ArtifactCleaner cleaner, RuntimeReconciler reconciler, ScheduleTimer schedules,
            PipelineConfig config) {
        this.schedules = schedules;
        this.changes = changes;
        this.releases = releases;
        this.versions = versions;
        this.retention = retention;
        this.cleaner = cleaner;
        this.reconciler = reconciler;
        this.defaultBake = config.bake().period();
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
        String self = changes.self();
        if (event instanceof DeploymentRequested e) {
            requested(e, delivery);
        } else if (event instanceof DeploymentApproved e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled",
                    lane -> lane.approve(e.getDeploymentId(), delivery.envelope(), self));
        } else if (event instanceof DeploymentQueued e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, null,
                    lane -> lane.queuedOnLog(e.getDeploymentId(), delivery.envelope(), self));
        } else if (event instanceof EnvironmentUnpinned e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, null, Lane::unpin);
        } else if (event instanceof DeploymentGoingLive e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, null, lane -> {
                lane.claimedOnLog(e.getDeploymentId());
                return List.of();
            });
        } else if (event instanceof DeploymentRejected e) {
            String why = "rejected by " + delivery.envelope().getActor()
                    + (e.getReason() == null ? "" : ": " + FieldRules.storable(e.getReason()));
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled",
                    lane -> lane.reject(e.getDeploymentId(), why, delivery.envelope(), self));
        } else if (event instanceof CancellationRequested e) {
            change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled", lane -> lane.cancel(
                    e.getDeploymentId(), FieldRules.storable(e.getReason()), delivery.envelope(), self));
        } else if (event instanceof DeploymentSucceeded e) {
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "succeeded", delivery);
        } else if (event instanceof DeploymentFailed e) {
            releases.withdraw(e.getDeploymentId());
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "failed", delivery);
        } else if (event instanceof DeploymentCancelled e) {
            releases.withdraw(e.getDeploymentId());
            finish(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(), "cancelled", delivery);
        } else if (event instanceof ReleaseActivated e) {
            activated(e, delivery);
        } else if (event instanceof ReleaseBaked e) {
            releases.baked(e.getDeploymentId(), e.getVerdict());
        } else {
            applyToArtifacts(event, delivery);
        }
    }

    /** Retention and artifacts: policies, deletions, cleanups asked for, versions stored. */
    private void applyToArtifacts(SpecificRecord event, Delivery delivery) {
        if (event instanceof RetentionPolicySet e) {
            retention.policySet(e.getProjectId(), e.getKeepLast(), e.getKeepDays());
        } else if (event instanceof ArtifactDeleted e) {
            retention.deleted(e.getProjectId(), e.getArtifactId(), delivery.occurredAt());
            if (!delivery.replay()) {
                changes.afterCommit(() -> cleaner.removeFiles(e.getProjectId(), e.getArtifactId()));
            }
        } else if (event instanceof ArtifactCleanupRequested e) {
            if (!delivery.replay()) {
                changes.afterCommit(() -> cleaner.cleanLater(e.getProjectId(), delivery.envelope()));
            }
        } else if (event instanceof ArtifactStored e) {
            versions.stored(e.getProjectId(), e.getArtifactId(), e.getArtifactVersion(), e.getSizeBytes(),
                    delivery.occurredAt());
        }
    }

    private void requested(DeploymentRequested e, Delivery delivery) {
        if (LaneEntryEntity.findById(e.getDeploymentId()) != null) {
            return; // the same request on the log twice (a client's retry): it keeps its first place
        }
        Entry requested = Entry.of(e.getDeploymentId(), delivery.offset(), delivery.occurredAt(), e.getVersion(),
                e.getApprovalRequired() ? e.getApprovalExpiresAt() : null, e.getNotBefore(), Requests.restore(e));
        changes.change(e.getProjectId(), e.getEnvironment(), delivery, "cancelled", requested, lane -> {
            changes.lanes().insert(e, delivery.offset()); // once the lane is locked, so it is not in it as loaded
            return lane.request(requested, delivery.envelope(), changes.self());
        });
        if (e.getNotBefore() != null && !delivery.replay()) {
            changes.afterCommit(schedules::wake);
        }
    }

    /** A release went live: the history records it, watched for its bake period, and the runtime follows. */
    private void activated(ReleaseActivated e, Delivery delivery) {
        ReleaseEntity release = ReleaseStore.release(e.getProjectId(), e.getEnvironment(), e.getDeploymentId(),
                e.getArtifactId(), e.getDeploymentUrl(), e.getEnvironmentUrl(), e.getPreviousDeploymentId(),
                delivery.offset(), delivery.occurredAt());
        LaneEntryEntity request = LaneEntryEntity.findById(e.getDeploymentId());
        if (request != null) {
            EnvironmentSnapshot snapshot = Requests.snapshot(request.snapshot);
            release.bakeUntil = Bake.until(release.activatedAt, snapshot == null ? null : snapshot.getBakeSeconds(),
                    defaultBake, "rollback".equals(request.restoreKind));
            release.healthPath = release.bakeUntil == null ? null
                    : Bake.path(DeploymentSpec.of(request).healthCheckPath());
        }
        releases.activated(release);
        reconcileAfterCommit(e.getProjectId(), e.getEnvironment(), delivery);
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
                delivery.type() + ": " + reason, delivery.envelope(), changes.self()));
    }

    private void finish(String projectId, String environment, String deploymentId, String outcome,
            Delivery delivery) {
        change(projectId, environment, delivery, outcome,
                lane -> lane.finish(deploymentId, delivery.envelope(), changes.self()));
        reconcileAfterCommit(projectId, environment, delivery);
    }

    private void change(String projectId, String environment, Delivery delivery, String outcome,
            Function<Lane, List<Decision>> operation) {
        changes.change(projectId, environment, delivery, outcome, null, operation);
    }

    private void reconcileAfterCommit(String projectId, String environment, Delivery delivery) {
        if (!delivery.replay()) {
            changes.afterCommit(() -> reconciler.reconcile(projectId, environment));
        }
    }

    private static String text(SpecificRecord event, String field) {
        Schema.Field f = event.getSchema().getField(field);
        Object value = f == null ? null : event.get(f.pos());
        return value == null ? null : value.toString();
    }
}
