package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.ReleaseEntity;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Releases as the log recorded them: a rollback re-activates an earlier release of the environment (its artifact and
 * configuration snapshot, exactly), a promotion activates a successful deployment's artifact in another environment
 * with that environment's configuration; neither builds anything. Both are deployment requests like any other
 * ({@link DeploymentCommands}: roles, approvals, idempotency keys, the log), checked first against the release
 * history: a target that was never live there, did not succeed, is in another environment or whose artifact retention
 * let go is refused with the reason. Also: unpinning an environment, a project's retention policy, a cleanup now.
 */
@ApplicationScoped
public class ReleaseCommands {

    private final DeploymentCommands deployments;
    private final DeploymentMapper mapper;
    private final ReleaseFacts facts;
    private final AccessGuard access;
    private final EventPublisher events;
    private final DeploymentApiConfig config;

    public ReleaseCommands(DeploymentCommands deployments, DeploymentMapper mapper, ReleaseFacts facts,
            AccessGuard access, @DeploymentEventsLog EventPublisher events, DeploymentApiConfig config) {
        this.deployments = deployments;
        this.mapper = mapper;
        this.facts = facts;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /**
     * Returns {@code deploymentId}'s environment to {@code targetId} (null: the release live before it): a new
     * deployment that re-activates the target's release.
     */
    public DeploymentCommands.Outcome rollback(String deploymentId, String targetId, String reason, Caller caller,
            String idempotencyKey, dev.shiplog.schema.common.Envelope cause) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "id", deploymentId == null ? "is required" : FieldRules.identifier(deploymentId));
        if (targetId != null) {
            check(violations, "targetDeploymentId", FieldRules.identifier(targetId));
        }
        if (reason != null) {
            check(violations, "reason", FieldRules.line(reason, FieldRules.REASON));
        }
        throwIf(violations);
        DeploymentEntity from = read(() -> DeploymentEntity.<DeploymentEntity>findById(deploymentId));
        if (from == null) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        deployments.mayDeploy(caller, from.projectId, from.environment, "deployment.rollback", deploymentId,
                "rolling back", cause);
        return rollbackTo(from.projectId, from.environment, from.id, targetId, reason, caller, idempotencyKey, cause);
    }

    /**
     * Returns the environment to {@code targetId} (null: the release before the live one): the command
     * {@code RollbackEnvironment} from Kafka.
     */
    public DeploymentCommands.Outcome rollbackEnvironment(String projectId, String environment, String targetId,
            String reason, Caller caller, String idempotencyKey, dev.shiplog.schema.common.Envelope cause) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        check(violations, "environment", FieldRules.name(environment));
        if (targetId != null) {
            check(violations, "targetDeploymentId", FieldRules.identifier(targetId));
        }
        if (reason != null) {
            check(violations, "reason", FieldRules.line(reason, FieldRules.REASON));
        }
        throwIf(violations);
        deployments.mayDeploy(caller, projectId, environment, "deployment.rollback", null, "rolling back", cause);
        ReleaseEntity live = read(() -> ReleaseEntity.live(projectId, environment));
        if (live == null) {
            throw new ConflictException("environment", "nothing is live in " + projectId + "/" + environment
                    + ": there is nothing to roll back");
        }
        return rollbackTo(projectId, environment, live.deploymentId, targetId, reason, caller, idempotencyKey, cause);
    }

    private DeploymentCommands.Outcome rollbackTo(String projectId, String environment, String fromId,
            String targetId, String reason, Caller caller, String idempotencyKey,
            dev.shiplog.schema.common.Envelope cause) {
        String where = projectId + "/" + environment;
        String target = targetId;
        if (target == null) {
            ReleaseEntity fromRelease = read(() -> ReleaseEntity.findById(fromId));
            if (fromRelease == null || fromRelease.withdrawn) {
                throw new UnprocessableException("targetDeploymentId", "deployment " + fromId + " was never live in "
                        + where + ", so there is no release before it: name the one to return to");
            }
            ReleaseEntity before = read(() -> ReleaseEntity.before(fromRelease));
            if (before == null) {
                throw new ConflictException("targetDeploymentId", "no release was live in " + where + " before "
                        + fromId + ": there is nothing to return to");
            }
            target = before.deploymentId;
        }
        String targetFinal = target;
        DeploymentEntity to = read(() -> DeploymentEntity.<DeploymentEntity>findById(targetFinal));
        if (to == null) {
            throw new UnprocessableException("targetDeploymentId", "no deployment " + target);
        }
        if (!to.projectId.equals(projectId) || !to.environment.equals(environment)) {
            throw new UnprocessableException("targetDeploymentId", "deployment " + target + " is one of "
                    + to.projectId + "/" + to.environment + "; a rollback stays in " + where);
        }
        ReleaseEntity release = read(() -> ReleaseEntity.findById(targetFinal));
        if (release == null || release.withdrawn) {
            throw new UnprocessableException("targetDeploymentId", "deployment " + target + " was never live in "
                    + where + " (it is " + to.status + ")");
        }
        if (!DeploymentStatus.SUCCESS.wire().equals(to.status)
                && !DeploymentStatus.ROLLED_BACK.wire().equals(to.status)) {
            throw new UnprocessableException("targetDeploymentId", "deployment " + target + " did not succeed (it is "
                    + to.status + ")");
        }
        ReleaseEntity live = read(() -> ReleaseEntity.live(projectId, environment));
        if (live != null && live.deploymentId.equals(target)) {
            throw new ConflictException("targetDeploymentId", "deployment " + target + " is live in " + where
                    + " already");
        }
        refuseIfDeleted(projectId, release.artifactId, "targetDeploymentId", "deployment " + target);
        NewDeployment.Restore restore = new NewDeployment.Restore(NewDeployment.Restore.Kind.ROLLBACK, target,
                release.artifactId, fromId, reason, false, mapper.snapshot(to.snapshotJson));
        return deployments.request(new NewDeployment(projectId, environment, to.version, to.gitUrl, to.gitCommit,
                to.gitBranch, to.archiveId, mapper.settings(to.configJson), null, restore), caller, idempotencyKey,
                cause);
    }

    /**
     * Deploys {@code deploymentId}'s very artifact into {@code environment} with that environment's configuration
     * (at {@code scheduledAt}, if given): a new deployment that builds nothing.
     */
    public DeploymentCommands.Outcome promote(String deploymentId, String environment, Instant scheduledAt,
            Caller caller, String idempotencyKey, dev.shiplog.schema.common.Envelope cause) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "id", deploymentId == null ? "is required" : FieldRules.identifier(deploymentId));
        check(violations, "environment", environment == null ? "is required" : FieldRules.name(environment));
        throwIf(violations);
        DeploymentEntity source = read(() -> DeploymentEntity.<DeploymentEntity>findById(deploymentId));
        if (source == null) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        deployments.mayDeploy(caller, source.projectId, environment, "deployment.promote", deploymentId,
                "promoting into", cause);
        if (!DeploymentStatus.SUCCESS.wire().equals(source.status) || source.artifactId == null) {
            throw new ConflictException("id", "deployment " + deploymentId + " did not succeed (it is "
                    + source.status + "): only a successful deployment's artifact is promoted");
        }
        if (source.environment.equals(environment)) {
            throw new UnprocessableException("environment", "is the environment deployment " + deploymentId
                    + " is in already: promote it to another one");
        }
        refuseIfDeleted(source.projectId, source.artifactId, "id", "deployment " + deploymentId);
        NewDeployment.Restore restore = new NewDeployment.Restore(NewDeployment.Restore.Kind.PROMOTION, source.id,
                source.artifactId, null, null, false, null);
        return deployments.request(new NewDeployment(source.projectId, environment, source.version, source.gitUrl,
                source.gitCommit, source.gitBranch, source.archiveId, mapper.settings(source.configJson), scheduledAt,
                restore), caller, idempotencyKey, cause);
    }

    /**
     * Lifts an environment's pin (a deployer of its project may, a maintainer when it is protected): 409 if it is not
     * pinned. Answers once this service's own view shows it, so a deployment right after it is taken.
     */
    public void unpin(String projectId, String environment, String reason, Caller caller) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        check(violations, "environment", FieldRules.name(environment));
        check(violations, "reason", reason == null ? "is required: say why the environment may take deployments"
                + " again" : FieldRules.line(reason, FieldRules.REASON));
        throwIf(violations);
        KnownEnvironment known = read(() -> KnownEnvironment.find(projectId, environment));
        if (known == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        Role needed = known.protectedEnvironment ? Role.MAINTAINER : Role.DEPLOYER;
        Actor actor = access.require(caller, projectId, needed, "environment.unpin", environment, null,
                "unpinning " + (known.protectedEnvironment ? "the protected environment " : "") + environment);
        if (read(() -> facts.pin(projectId, environment)).isEmpty()) {
            throw new ConflictException("environment", "environment " + environment + " of project " + projectId
                    + " is not pinned");
        }
        String key = Topics.environmentKey(projectId, environment);
        events.publish(key, EnvironmentUnpinned.newBuilder().setEnvelope(Envelopes.root(actor, key, null))
                .setProjectId(projectId).setEnvironment(environment).setReason(reason).build());
        Visible.within(config.accessVisibleWithin(), () -> facts.pin(projectId, environment).isEmpty(),
                "the unpin of " + key);
    }

    /** Sets the project's retention policy (a maintainer may). */
    public void retention(String projectId, Integer keepLast, Integer keepDays, Caller caller) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        check(violations, "keepLast", keepLast == null ? "is required" : FieldRules.keepLast(keepLast));
        if (keepDays != null) {
            check(violations, "keepDays", FieldRules.keepDays(keepDays));
        }
        throwIf(violations);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "project.retention", null, null,
                "setting the artifact retention");
        requireProject(projectId);
        events.publish(projectId, RetentionPolicySet.newBuilder().setEnvelope(Envelopes.root(actor, projectId, null))
                .setProjectId(projectId).setKeepLast(keepLast).setKeepDays(keepDays).build());
        Visible.within(config.accessVisibleWithin(), () -> facts.policy(projectId)
                .filter(p -> p.keepLast() == keepLast && java.util.Objects.equals(p.keepDays(), keepDays)).isPresent(),
                "the retention of " + projectId);
    }

    /** Asks for the project's artifact cleanup now (a maintainer may); the pipeline-worker runs it. */
    public void cleanup(String projectId, Caller caller) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        throwIf(violations);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "artifacts.cleanup", null, null,
                "cleaning up artifacts");
        requireProject(projectId);
        events.publish(projectId, ArtifactCleanupRequested.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).build());
    }

    private void requireProject(String projectId) {
        if (!read(() -> KnownEnvironment.projectExists(projectId))) {
            throw new NotFoundException("No project " + projectId + " (it has no environment)");
        }
    }

    private void refuseIfDeleted(String projectId, String artifactId, String field, String what) {
        read(() -> facts.deletedAt(projectId, artifactId)).ifPresent(at -> {
            throw new ConflictException(field, what + " cannot be restored: its artifact " + artifactId
                    + " was cleaned up at " + at + " (retention)");
        });
    }

    private static <T> T read(Supplier<T> query) {
        return QuarkusTransaction.joiningExisting().call(query::get);
    }

    private static void check(List<Violation> violations, String field, String rule) {
        if (rule != null) {
            violations.add(new Violation(field, rule));
        }
    }

    private static void throwIf(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
