package dev.shiplog.deployment.messaging;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.service.DeploymentStatus;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Builds the deployment history projection from {@code shiplog.deployment.events}, and nothing else. Each event is
 * applied once ({@link EventHandler}); replaying the topic from offset zero into empty tables gives the same rows.
 */
@ApplicationScoped
public class DeploymentHistoryProjector {

    static final String CONSUMER = "deployment-api.history";
    private static final Logger LOG = Logger.getLogger(DeploymentHistoryProjector.class);

    private final EventHandler handler;
    private final DeploymentMapper mapper;

    public DeploymentHistoryProjector(EventHandler handler, DeploymentMapper mapper) {
        this.handler = handler;
        this.mapper = mapper;
    }

    @Incoming("deployment-history")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_EVENTS.name(), event,
                e -> apply(e, ((Envelope) e.get(0)).getOccurredAt()));
    }

    /** Applies one event again, as a rebuild from offset zero does (inside the caller's transaction). */
    public void replay(SpecificRecord event) {
        apply(event, ((Envelope) event.get(0)).getOccurredAt());
    }

    void apply(SpecificRecord event, Instant at) {
        if (event instanceof DeploymentRequested e) {
            requested(e, at);
        } else if (event instanceof DeploymentQueued e) {
            update(e.getDeploymentId(), at, d -> d.queuePosition = e.getPosition());
        } else if (event instanceof StageStarted e) {
            update(e.getDeploymentId(), at, d -> {
                boolean building = e.getStage() == Stage.BUILD || e.getStage() == Stage.UPLOAD;
                d.status = (building ? DeploymentStatus.BUILDING : DeploymentStatus.DEPLOYING).wire();
                d.queuePosition = null;
                if (d.startedAt == null) {
                    d.startedAt = at;
                }
                DeploymentStageEntity stage = DeploymentStageEntity.findOrNew(d.id, e.getStage().name());
                stage.status = "running";
                stage.startedAt = at;
                stage.persist();
            });
        } else if (event instanceof StageCompleted e) {
            update(e.getDeploymentId(), at, d -> {
                DeploymentStageEntity stage = DeploymentStageEntity.findOrNew(d.id, e.getStage().name());
                stage.status = e.getOutcome().name().toLowerCase(Locale.ROOT);
                stage.completedAt = at;
                stage.message = e.getMessage();
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
            update(e.getDeploymentId(), at, d -> {
                d.status = DeploymentStatus.SUCCESS.wire();
                d.deploymentUrl = e.getDeploymentUrl();
                d.environmentUrl = e.getEnvironmentUrl();
                d.completedAt = at;
            });
        } else if (event instanceof DeploymentFailed e) {
            update(e.getDeploymentId(), at, d -> {
                d.status = DeploymentStatus.FAILED.wire();
                d.failureReason = e.getReason();
                d.completedAt = at;
            });
        } else if (event instanceof DeploymentCancelled e) {
            update(e.getDeploymentId(), at, d -> {
                d.status = DeploymentStatus.CANCELLED.wire();
                d.failureReason = e.getReason();
                d.queuePosition = null;
                d.completedAt = at;
            });
        } else if (event instanceof DeploymentRolledBack e) {
            update(e.getDeploymentId(), at, d -> d.status = DeploymentStatus.ROLLED_BACK.wire());
        } else {
            LOG.debugf("history ignores %s", event.getSchema().getName());
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
        d.status = DeploymentStatus.PENDING.wire();
        d.gitUrl = e.getSource().getGitUrl();
        d.gitCommit = e.getSource().getGitCommit();
        d.gitBranch = e.getSource().getGitBranch();
        d.archiveId = e.getSource().getArchiveId();
        d.configJson = mapper.configJson(e.getConfig());
        d.initiatedBy = e.getEnvelope().getActor();
        d.idempotencyKey = e.getIdempotencyKey();
        d.requestedAt = at;
        d.lastEventAt = at;
        d.persist();
    }

    private void update(String deploymentId, Instant at, java.util.function.Consumer<DeploymentEntity> change) {
        DeploymentEntity d = DeploymentEntity.findById(deploymentId);
        if (d == null) {
            LOG.warnf("event for unknown deployment %s ignored", deploymentId);
            return;
        }
        change.accept(d);
        d.lastEventAt = at;
    }
}
