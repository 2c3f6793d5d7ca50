package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Violations;
import dev.shiplog.deployment.domain.access.DeploymentAction;
import dev.shiplog.deployment.domain.release.Promotions;
import dev.shiplog.deployment.domain.release.RecordedDeployment;
import dev.shiplog.deployment.domain.release.Rollbacks;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.ReleaseEntity;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.ReleaseLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Releases as the log recorded them, deployed again: a rollback re-activates an earlier release of the environment
 * (its artifact and configuration snapshot, exactly), a promotion a successful deployment's artifact in another
 * environment with that environment's configuration; neither builds anything. Both are deployment requests like any
 * other ({@link DeploymentRequests}: roles, approvals, idempotency keys, the log), built by the domain's
 * {@link Rollbacks} and {@link Promotions} from what this loads: the environment's {@link ReleaseLine}, the
 * deployments concerned as recorded, and whether retention let their artifact go.
 *
 * <p>The release line is its own projection ({@link ReleaseHistory}), beside the deployment history
 * ({@link DeploymentHistory}) that callers watch: a rollback first lets the line apply what the history has (within
 * the gateway's visibility bound), so a rollback requested the moment the previous one shows as succeeded targets
 * the release before it, not the one that was live before.
 */
@ApplicationScoped
public class RestoreCommands {

    private final DeploymentRequests requests;
    private final DeploymentAccess access;
    private final DeploymentMapper mapper;
    private final ReleaseFacts facts;
    private final ProjectionPositions positions;
    private final DeploymentApiConfig config;

    public RestoreCommands(DeploymentRequests requests, DeploymentAccess access, DeploymentMapper mapper,
            ReleaseFacts facts, ProjectionPositions positions, DeploymentApiConfig config) {
        this.requests = requests;
        this.access = access;
        this.mapper = mapper;
        this.facts = facts;
        this.positions = positions;
        this.config = config;
    }

    /**
     * Returns {@code deploymentId}'s environment to {@code targetId} (null: the release live before it): a new
     * deployment that re-activates the target's release.
     */
    public DeploymentRequests.Outcome rollback(String deploymentId, String targetId, String reason, Caller caller,
            String idempotencyKey, Envelope cause) {
        Refusals.throwIf(Violations.check("id", deploymentId == null ? "is required"
                : FieldRules.identifier(deploymentId))
                .and("targetDeploymentId", targetId == null ? null : FieldRules.identifier(targetId))
                .and("reason", reason == null ? null : FieldRules.line(reason, FieldRules.REASON)).list());
        DeploymentEntity from = Tx.read(() -> DeploymentEntity.findById(deploymentId));
        if (from == null || !access.maySee(caller, from.projectId)) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        access.mayChange(caller, from.projectId, from.environment, DeploymentAction.ROLLBACK, deploymentId, cause);
        lineCaughtUp();
        return rollbackTo(EnvironmentRef.of(from.projectId, from.environment), from.id, targetId, reason, caller,
                idempotencyKey, cause);
    }

    /**
     * Returns the environment to {@code targetId} (null: the release before the live one): the command
     * {@code RollbackEnvironment} from Kafka.
     */
    public DeploymentRequests.Outcome rollbackEnvironment(String projectId, String environment, String targetId,
            String reason, Caller caller, String idempotencyKey, Envelope cause) {
        Refusals.throwIf(Violations.check("projectId", FieldRules.name(projectId))
                .and("environment", FieldRules.name(environment))
                .and("targetDeploymentId", targetId == null ? null : FieldRules.identifier(targetId))
                .and("reason", reason == null ? null : FieldRules.line(reason, FieldRules.REASON)).list());
        access.mayChange(caller, projectId, environment, DeploymentAction.ROLLBACK, null, cause);
        EnvironmentRef where = EnvironmentRef.of(projectId, environment);
        lineCaughtUp();
        String live = Refusals.orThrow(Rollbacks.liveNow(Tx.read(() -> ReleaseEntity.line(projectId, environment)),
                where));
        return rollbackTo(where, live, targetId, reason, caller, idempotencyKey, cause);
    }

    private DeploymentRequests.Outcome rollbackTo(EnvironmentRef where, String fromId, String targetId,
            String reason, Caller caller, String idempotencyKey, Envelope cause) {
        ReleaseLine line = Tx.read(() -> ReleaseEntity.line(where.projectId(), where.environment()));
        String target = Refusals.orThrow(Rollbacks.target(line, where, fromId, targetId));
        Instant deletedAt = line.find(target).flatMap(r -> Tx.read(() -> facts.deletedAt(where.projectId(),
                r.artifactId()))).orElse(null);
        NewDeployment request = Refusals.orThrow(Rollbacks.rollback(line, where, fromId, target, recorded(target),
                reason, deletedAt));
        return requests.request(request, caller, idempotencyKey, cause);
    }

    /**
     * Deploys {@code deploymentId}'s very artifact into {@code environment} with that environment's configuration
     * (at {@code scheduledAt}, if given): a new deployment that builds nothing.
     */
    public DeploymentRequests.Outcome promote(String deploymentId, String environment, Instant scheduledAt,
            Caller caller, String idempotencyKey, Envelope cause) {
        Refusals.throwIf(Violations.check("id", deploymentId == null ? "is required"
                : FieldRules.identifier(deploymentId))
                .and("environment", environment == null ? "is required" : FieldRules.name(environment)).list());
        RecordedDeployment source = recorded(deploymentId);
        if (source == null || !access.maySee(caller, source.projectId())) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        access.mayChange(caller, source.projectId(), environment, DeploymentAction.PROMOTE, deploymentId, cause);
        Instant deletedAt = source.artifactId() == null ? null
                : Tx.read(() -> facts.deletedAt(source.projectId(), source.artifactId())).orElse(null);
        return requests.request(Refusals.orThrow(Promotions.promote(source, environment, scheduledAt, deletedAt)),
                caller, idempotencyKey, cause);
    }

    /** The release line has applied what the deployment history had applied (or the bound passed: it reads as is). */
    private void lineCaughtUp() {
        positions.catchUp(ReleaseHistory.CONSUMER, DeploymentHistory.CONSUMER, config.gateway().visibleWithin());
    }

    /** The deployment as the history recorded it (its secrets still sealed), null if there is none. */
    private RecordedDeployment recorded(String deploymentId) {
        DeploymentEntity d = Tx.read(() -> DeploymentEntity.findById(deploymentId));
        return d == null ? null : new RecordedDeployment(d.id, d.projectId, d.environment, d.status, d.version,
                d.gitUrl, d.gitCommit, d.gitBranch, d.archiveId, mapper.settings(d.configJson), d.artifactId,
                mapper.snapshot(d.snapshotJson));
    }
}
