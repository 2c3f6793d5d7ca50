package dev.shiplog.environment.service;

import dev.shiplog.environment.repository.DeploymentReleaseEntity;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What is live in each environment, from {@code shiplog.deployment.events}: a successful deployment becomes the
 * environment's current one (a first deployment creates the environment; a rollback is a deployment too, whose
 * success makes it current); the pin a rollback sets and an unpin lifts. Every other deployment event is ignored.
 */
@ApplicationScoped
public class LiveDeployments implements Projection {

    private static final Logger LOG = Logger.getLogger(LiveDeployments.class);

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
            DeploymentReleaseEntity release = DeploymentReleaseEntity.findById(e.getDeploymentId());
            if (release == null) {
                release = new DeploymentReleaseEntity();
                release.deploymentId = e.getDeploymentId();
            }
            release.projectId = e.getProjectId();
            release.environment = e.getEnvironment();
            release.version = e.getVersion();
            release.persist();
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.currentDeploymentId = e.getDeploymentId();
            env.currentVersion = e.getVersion();
        } else if (delivery.event() instanceof EnvironmentPinned e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.pinnedBy = e.getEnvelope().getActor();
            env.pinnedAt = at;
            env.pinnedRollback = e.getRollbackDeploymentId();
            env.pinnedReason = FieldRules.storable(e.getReason());
        } else if (delivery.event() instanceof EnvironmentUnpinned e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.pinnedBy = null;
            env.pinnedAt = null;
            env.pinnedRollback = null;
            env.pinnedReason = null;
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
