package dev.shiplog.environment.service;

import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.DeploymentReleaseEntity;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.SourceResolved;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What is live in each environment, from {@code shiplog.deployment.events}: a successful deployment becomes the
 * environment's current one (a first deployment creates the environment; a rollback is a deployment too, whose
 * success makes it current), with its artifact; the commit a deployment built and the ones before it
 * (SourceResolved, for comparisons); the pin a rollback sets and an unpin lifts. Every other deployment event is
 * ignored.
 */
@ApplicationScoped
public class LiveDeployments implements Projection {

    private static final Logger LOG = Logger.getLogger(LiveDeployments.class);

    private final Journal journal;
    private final EnvironmentMapper mapper;

    public LiveDeployments(Journal journal, EnvironmentMapper mapper) {
        this.journal = journal;
        this.mapper = mapper;
    }

    /** The release row of a deployment, made if this is the first fact about it. */
    private static DeploymentReleaseEntity release(String deploymentId, String projectId, String environment) {
        DeploymentReleaseEntity release = DeploymentReleaseEntity.findById(deploymentId);
        if (release == null) {
            release = new DeploymentReleaseEntity();
            release.deploymentId = deploymentId;
            release.projectId = projectId;
            release.environment = environment;
            release.version = "";
            release.persist();
        }
        return release;
    }

    @Override
    public String consumer() {
        return "environment-service.deployments";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        Instant at = delivery.occurredAt();
        if (delivery.event() instanceof DeploymentSucceeded e) {
            DeploymentReleaseEntity release = release(e.getDeploymentId(), e.getProjectId(), e.getEnvironment());
            release.version = e.getVersion();
            release.artifactId = e.getArtifactId();
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.currentDeploymentId = e.getDeploymentId();
            env.currentVersion = e.getVersion();
            env.currentArtifact = e.getArtifactId();
            Map<String, Object> payload = new HashMap<>();
            payload.put("deploymentId", e.getDeploymentId());
            payload.put("version", e.getVersion());
            payload.put("artifactId", e.getArtifactId());
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.LIVE, payload);
        } else if (delivery.event() instanceof SourceResolved e) {
            DeploymentReleaseEntity release = release(e.getDeploymentId(), e.getProjectId(), e.getEnvironment());
            release.gitCommit = e.getCommit();
            release.historyJson = mapper.historyJson(e.getHistory());
        } else if (delivery.event() instanceof EnvironmentPinned e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.pinnedBy = e.getEnvelope().getActor();
            env.pinnedAt = at;
            env.pinnedRollback = e.getRollbackDeploymentId();
            env.pinnedReason = FieldRules.storable(e.getReason());
            Map<String, Object> payload = new HashMap<>();
            payload.put("rollbackDeploymentId", e.getRollbackDeploymentId());
            payload.put("reason", env.pinnedReason);
            payload.put("by", env.pinnedBy);
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.PINNED, payload);
        } else if (delivery.event() instanceof EnvironmentUnpinned e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.pinnedBy = null;
            env.pinnedAt = null;
            env.pinnedRollback = null;
            env.pinnedReason = null;
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.UNPINNED, Map.of());
        } else if (delivery.event() instanceof DeploymentRolledBack e && e.getRollbackDeploymentId() == null) {
            // written before rollbacks were deployments of their own: the restored deployment is current again
            DeploymentReleaseEntity restored = DeploymentReleaseEntity.findById(e.getRestoredDeploymentId());
            if (restored == null) {
                LOG.warnf("rollback of %s/%s to deployment %s, whose success this service never saw: version unknown",
                        e.getProjectId(), e.getEnvironment(), e.getRestoredDeploymentId());
            }
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.currentDeploymentId = e.getRestoredDeploymentId();
            env.currentVersion = restored != null ? restored.version : null;
        }
    }
}
