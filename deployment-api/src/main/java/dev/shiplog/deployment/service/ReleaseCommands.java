package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.Violations;
import dev.shiplog.deployment.domain.access.Authority;
import dev.shiplog.deployment.domain.access.Requirement;
import dev.shiplog.deployment.domain.request.Pins;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * What steers an environment's releases besides deploying: unpinning an environment a rollback pinned, a project's
 * artifact retention policy, a cleanup now. (Rollbacks and promotions: {@link RestoreCommands}.)
 */
@ApplicationScoped
public class ReleaseCommands {

    private final ReleaseFacts facts;
    private final DeploymentAccess access;
    private final EventPublisher events;
    private final DeploymentApiConfig config;

    public ReleaseCommands(ReleaseFacts facts, DeploymentAccess access, @DeploymentEventsLog EventPublisher events,
            DeploymentApiConfig config) {
        this.facts = facts;
        this.access = access;
        this.events = events;
        this.config = config;
    }

    /**
     * Lifts an environment's pin (a deployer of its project may, a maintainer when it is protected): 409 if it is not
     * pinned. Answers once this service's own view shows it, so a deployment right after it is taken.
     */
    public void unpin(String projectId, String environment, String reason, Caller caller) {
        Refusals.throwIf(Violations.check("projectId", FieldRules.name(projectId))
                .and("environment", FieldRules.name(environment))
                .and("reason", reason == null ? "is required: say why the environment may take deployments again"
                        : FieldRules.line(reason, FieldRules.REASON)).list());
        KnownEnvironment known = Tx.read(() -> KnownEnvironment.find(projectId, environment));
        if (known == null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
        Actor actor = access.require(caller, projectId, environment, null,
                Authority.toUnpin(environment, known.protectedEnvironment), null);
        Refusals.throwIf(Pins.unpinRefusal(projectId, environment,
                Tx.read(() -> facts.pin(projectId, environment)).isPresent()));
        String key = EnvironmentRef.of(projectId, environment).key();
        events.publish(key, EnvironmentUnpinned.newBuilder().setEnvelope(Envelopes.root(actor, key, null))
                .setProjectId(projectId).setEnvironment(environment).setReason(reason).build());
        Visible.within(config.accessVisibleWithin(), () -> facts.pin(projectId, environment).isEmpty(),
                "the unpin of " + key);
    }

    /** Sets the project's retention policy (a maintainer may). */
    public void retention(String projectId, Integer keepLast, Integer keepDays, Caller caller) {
        Refusals.throwIf(Violations.check("projectId", FieldRules.name(projectId))
                .and("keepLast", keepLast == null ? "is required" : FieldRules.keepLast(keepLast))
                .and("keepDays", keepDays == null ? null : FieldRules.keepDays(keepDays)).list());
        Actor actor = require(caller, projectId, Authority.toSetRetention());
        requireProject(projectId);
        events.publish(projectId, RetentionPolicySet.newBuilder().setEnvelope(Envelopes.root(actor, projectId, null))
                .setProjectId(projectId).setKeepLast(keepLast).setKeepDays(keepDays).build());
        Visible.within(config.accessVisibleWithin(), () -> facts.policy(projectId)
                .filter(p -> p.keepLast() == keepLast && Objects.equals(p.keepDays(), keepDays)).isPresent(),
                "the retention of " + projectId);
    }

    /** Asks for the project's artifact cleanup now (a maintainer may); the pipeline-worker runs it. */
    public void cleanup(String projectId, Caller caller) {
        Refusals.throwIf(Violations.check("projectId", FieldRules.name(projectId)).list());
        Actor actor = require(caller, projectId, Authority.toCleanUp());
        requireProject(projectId);
        events.publish(projectId, ArtifactCleanupRequested.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).build());
    }

    private Actor require(Caller caller, String projectId, Requirement needed) {
        return access.require(caller, projectId, null, null, needed, null);
    }

    private void requireProject(String projectId) {
        if (!Tx.read(() -> KnownEnvironment.projectExists(projectId))) {
            throw new NotFoundException("No project " + projectId + " (it has no environment)");
        }
    }
}
