package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

/**
 * The deployment history, from {@code shiplog.deployment.events} and nothing else. A final state is final: once a
 * deployment succeeded, failed or was cancelled, a later end (a duplicate, a late fenced-off attempt) changes
 * nothing; only a rollback moves a success on. A deployment whose request never reached the history (it could not
 * be processed) appears with its end. Free text is stored whatever it holds ({@link FieldRules#storable}).
 */
@ApplicationScoped
public class DeploymentHistory implements Projection {

    public static final String CONSUMER = "deployment-api.history";
    private static final Logger LOG = Logger.getLogger(DeploymentHistory.class);

    private final DeploymentMapper mapper;

    public DeploymentHistory(DeploymentMapper mapper) {
        this.mapper = mapper;
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
        Instant at = delivery.occurredAt();
        if (event instanceof DeploymentRequested e) {
            requested(e, at);
        } else if (event instanceof DeploymentQueued e) {
            update(e.getDeploymentId(), at, d -> {
                if (DeploymentStatus.SCHEDULED.wire().equals(d.status)) {
                    d.status = DeploymentStatus.PENDING.wire(); // its time came: it took its place
                }
                if (d.queuedAt == null) {
                    d.queuedAt = at;
                }
                if (DeploymentStatus.PENDING.wire().equals(d.status)) {
                    d.queuePosition = e.getPosition();
                }
            });
        } else if (event instanceof StageStarted e) {
            update(e.getDeploymentId(), at, d -> {
                if (!finished(d)) {
                    boolean building = e.getStage() == Stage.BUILD || e.getStage() == Stage.UPLOAD;
                    d.status = (building ? DeploymentStatus.BUILDING : DeploymentStatus.DEPLOYING).wire();
                    d.queuePosition = null;
                    if (d.startedAt == null) {
                        d.startedAt = at;
                    }
                }
                DeploymentStageEntity stage = DeploymentStageEntity.findOrNew(d.id, e.getStage().name());
                stage.status = "running";
                stage.startedAt = at;
                stage.completedAt = null;
                stage.message = null;
                stage.persist();
            });
        } else if (event instanceof StageCompleted e) {
            update(e.getDeploymentId(), at, d -> {
                DeploymentStageEntity stage = DeploymentStageEntity.findOrNew(d.id, e.getStage().name());
                stage.status = e.getOutcome().name().toLowerCase(Locale.ROOT);
                stage.completedAt = at;
                stage.message = FieldRules.storable(e.getMessage());
                stage.persist();
            });
        } else if (event instanceof ArtifactStored e) {
            update(e.getDeploymentId(), at, d -> {
                d.artifactId = e.getArtifactId();
                d.artifactUrl = e.getArtifactUrl();
            });
        } else if (event instanceof ReleaseActivated e) {
            update(e.getDeploymentId(), at, d -> {
                d.deploymentUrl = e.getDeploymentUrl();
                d.environmentUrl = e.getEnvironmentUrl();
            });
        } else if (event instanceof DeploymentSucceeded e) {
            end(e.getDeploymentId(), e.getProjectId(), e.getEnvironment(), DeploymentStatus.SUCCESS, null, at, d -> {
                d.deploymentUrl = e.getDeploymentUrl();
                d.environmentUrl = e.getEnvironmentUrl();
            });
        } else if (event instanceof DeploymentFailed e) {
            end(e.getDeploymentId(), e.getProjectId(), e.getEnvironment(), DeploymentStatus.FAILED, e.getReason(), at,
                    d -> {
                    });
        } else if (event instanceof DeploymentCancelled e) {
            end(e.getDeploymentId(), e.getProjectId(), e.getEnvironment(), DeploymentStatus.CANCELLED, e.getReason(),
                    at, d -> d.queuePosition = null);
        } else if (event instanceof DeploymentApproved e) {
            update(e.getDeploymentId(), at, d -> decided(d, "approved", e.getEnvelope().getActor(), at,
                    e.getComment()));
        } else if (event instanceof DeploymentRejected e) {
            update(e.getDeploymentId(), at, d -> decided(d, "rejected", e.getEnvelope().getActor(), at,
                    e.getReason()));
        } else if (event instanceof DeploymentRolledBack e) {
            update(e.getDeploymentId(), at, d -> {
                if (DeploymentStatus.SUCCESS.wire().equals(d.status)) {
                    d.status = DeploymentStatus.ROLLED_BACK.wire();
                }
            });
        } else {
            LOG.debugf("history ignores %s", delivery.type());
        }
    }

    private void requested(DeploymentRequested e, Instant at) {
        if (DeploymentEntity.findById(e.getDeploymentId()) != null) {
            return; // a retried request that reached the log twice: the first one counts
        }
        DeploymentEntity d = new DeploymentEntity();
        d.id = e.getDeploymentId();
        d.projectId = e.getProjectId();
        d.environment = e.getEnvironment();
        d.version = e.getVersion();
        d.scheduledAt = e.getNotBefore();
        d.status = (d.scheduledAt != null && d.scheduledAt.isAfter(at) ? DeploymentStatus.SCHEDULED
                : DeploymentStatus.PENDING).wire();
        d.kind = e.getRollback() != null ? "rollback" : e.getPromotedFrom() != null ? "promotion" : "build";
        d.restoreFrom = e.getRollback() != null ? e.getRollback().getTargetDeploymentId() : e.getPromotedFrom();
        d.replacedDeploymentId = e.getRollback() == null ? null : e.getRollback().getReplacedDeploymentId();
        d.artifactId = e.getArtifactId();
        d.snapshotJson = mapper.snapshotJson(mapper.fromAvro(e.getSnapshot()));
        d.gitUrl = e.getSource().getGitUrl();
        d.gitCommit = e.getSource().getGitCommit();
        d.gitBranch = e.getSource().getGitBranch();
        d.archiveId = e.getSource().getArchiveId();
        d.configJson = mapper.settingsJson(mapper.fromAvro(e.getConfig()));
        d.initiatedBy = e.getEnvelope().getActor();
        d.initiatedRole = e.getEnvelope().getActorRole();
        if (e.getApprovalRequired()) {
            d.approvalStatus = "waiting";
            d.approvalExpiresAt = e.getApprovalExpiresAt();
        }
        d.idempotencyKey = e.getIdempotencyKey();
        d.requestedAt = at;
        d.lastEventAt = at;
        d.persist();
    }

    /** The deployment's end, unless it already had one; a deployment never seen before appears with it. */
    private void end(String deploymentId, String projectId, String environment, DeploymentStatus status,
            String reason, Instant at, Consumer<DeploymentEntity> more) {
        DeploymentEntity d = DeploymentEntity.findById(deploymentId);
        if (d == null) {
            d = new DeploymentEntity();
            d.id = deploymentId;
            d.projectId = projectId;
            d.environment = environment;
            d.requestedAt = at;
            d.lastEventAt = at;
            d.status = DeploymentStatus.PENDING.wire();
            d.persist();
        }
        if (finished(d)) {
            return; // a final state is final
        }
        d.status = status.wire();
        d.failureReason = FieldRules.storable(reason);
        d.completedAt = at;
        d.queuePosition = null;
        more.accept(d);
        d.lastEventAt = at;
    }

    /** The first decision on an approval counts. */
    private static void decided(DeploymentEntity d, String status, String by, Instant at, String comment) {
        if ("waiting".equals(d.approvalStatus)) {
            d.approvalStatus = status;
            d.approvalDecidedBy = by;
            d.approvalDecidedAt = at;
            d.approvalComment = FieldRules.storable(comment);
        }
    }

    private static boolean finished(DeploymentEntity d) {
        return DeploymentStatus.fromWire(d.status).map(DeploymentStatus::finished).orElse(false);
    }

    private void update(String deploymentId, Instant at, Consumer<DeploymentEntity> change) {
        DeploymentEntity d = DeploymentEntity.findById(deploymentId);
        if (d == null) {
            LOG.debugf("event for unknown deployment %s ignored", deploymentId);
            return;
        }
        change.accept(d);
        if (d.lastEventAt == null || at.isAfter(d.lastEventAt)) {
            d.lastEventAt = at;
        }
    }
}
