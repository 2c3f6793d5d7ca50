package dev.shiplog.environment.messaging;

import dev.shiplog.environment.repository.DeploymentReleaseEntity;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps what is live in each environment from {@code shiplog.deployment.events}: a successful deployment becomes the
 * environment's current one (a first deployment creates the environment), a rollback makes the restored deployment
 * current again. Every other deployment event is ignored. Each event is applied once ({@link EventHandler}).
 */
@ApplicationScoped
public class DeploymentEventsProjector {

    static final String CONSUMER = "environment-service.deployments";
    private static final Logger LOG = Logger.getLogger(DeploymentEventsProjector.class);

    private final EventHandler handler;

    public DeploymentEventsProjector(EventHandler handler) {
        this.handler = handler;
    }

    @Incoming("deployments")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_EVENTS.name(), event,
                e -> apply(e, ((Envelope) e.get(0)).getOccurredAt()));
    }

    void apply(SpecificRecord event, Instant at) {
        if (event instanceof DeploymentSucceeded e) {
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
        } else if (event instanceof DeploymentRolledBack e) {
            DeploymentReleaseEntity restored = DeploymentReleaseEntity.findById(e.getRestoredDeploymentId());
            if (restored == null) {
                LOG.warnf("rollback of %s/%s to deployment %s, whose success this service never saw: version unknown",
                        e.getProjectId(), e.getEnvironment(), e.getRestoredDeploymentId());
            }
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.currentDeploymentId = e.getRestoredDeploymentId();
            env.currentVersion = restored != null ? restored.version : null;
        } else {
            LOG.tracef("environment projection ignores %s", event.getSchema().getName());
        }
    }
}
