package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.ReleasePage;
import dev.shiplog.deployment.repository.ReleaseEntity;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The release history of every environment, from {@code shiplog.deployment.events}: each release that went live
 * (ReleaseActivated) and how it ended (the next release replaced it, a rollback rolled it back, the platform rolled
 * it back after a failed health check); a release whose deployment failed after its activation was recorded is
 * withdrawn (it never served, and the one before it is live again). Also the pins rollbacks set, the artifacts
 * retention let go, and each project's retention policy.
 */
@ApplicationScoped
public class ReleaseHistory implements Projection {

    static final String CONSUMER = "deployment-api.releases";

    private final ReleaseFacts facts;

    public ReleaseHistory(ReleaseFacts facts) {
        this.facts = facts;
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
        Instant at = delivery.occurredAt();
        if (delivery.event() instanceof ReleaseActivated e) {
            if (ReleaseEntity.findById(e.getDeploymentId()) != null) {
                return; // seen before
            }
            ReleaseEntity previous = ReleaseEntity.line(e.getProjectId(), e.getEnvironment()).live()
                    .map(live -> ReleaseEntity.<ReleaseEntity>findById(live.deploymentId())).orElse(null);
            if (previous != null && previous.ended == null) {
                previous.ended = "replaced";
                previous.endedAt = at;
                previous.endedBy = e.getDeploymentId();
            }
            ReleaseEntity release = new ReleaseEntity();
            release.deploymentId = e.getDeploymentId();
            release.projectId = e.getProjectId();
            release.environment = e.getEnvironment();
            release.artifactId = e.getArtifactId();
            release.position = delivery.offset();
            release.activatedAt = at;
            release.previousDeploymentId = e.getPreviousDeploymentId();
            release.persist();
        } else if (delivery.event() instanceof DeploymentRolledBack e) {
            ReleaseEntity release = ReleaseEntity.findById(e.getDeploymentId());
            if (release != null) {
                release.ended = e.getAutomatic() ? "health_failure" : "rolled_back";
                release.endedReason = FieldRules.storable(e.getReason());
                release.endedBy = e.getRollbackDeploymentId() != null ? e.getRollbackDeploymentId() : release.endedBy;
                release.endedAt = release.endedAt != null ? release.endedAt : at;
            }
        } else if (delivery.event() instanceof DeploymentFailed e) {
            withdraw(e.getDeploymentId());
        } else if (delivery.event() instanceof DeploymentCancelled e) {
            withdraw(e.getDeploymentId());
        } else if (delivery.event() instanceof EnvironmentPinned e) {
            facts.pinned(e.getProjectId(), e.getEnvironment(), new ReleasePage.Pin(e.getRollbackDeploymentId(),
                    FieldRules.storable(e.getReason()), e.getEnvelope().getActor(), at));
        } else if (delivery.event() instanceof EnvironmentUnpinned e) {
            facts.unpinned(e.getProjectId(), e.getEnvironment());
        } else if (delivery.event() instanceof ArtifactDeleted e) {
            facts.artifactDeleted(e.getProjectId(), e.getArtifactId(), at, FieldRules.storable(e.getReason()));
        } else if (delivery.event() instanceof RetentionPolicySet e) {
            facts.policySet(e.getProjectId(), new ReleaseFacts.Policy(e.getKeepLast(), e.getKeepDays(),
                    e.getEnvelope().getActor(), at));
        }
    }

    /**
     * A deployment that ended without succeeding after its activation was recorded never served: its release is
     * withdrawn (ReleaseLine: the one before it is live again), and the release it had replaced is no longer ended by
     * it.
     */
    private static void withdraw(String deploymentId) {
        ReleaseEntity release = ReleaseEntity.findById(deploymentId);
        if (release == null || release.withdrawn) {
            return;
        }
        release.withdrawn = true;
        for (ReleaseEntity replaced : ReleaseEntity.replacedBy(deploymentId)) {
            replaced.ended = null;
            replaced.endedAt = null;
            replaced.endedBy = null;
        }
    }
}
