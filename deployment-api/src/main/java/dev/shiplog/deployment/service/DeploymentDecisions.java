package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Violations;
import dev.shiplog.deployment.domain.access.Approvals;
import dev.shiplog.deployment.domain.access.Authority;
import dev.shiplog.deployment.domain.access.DeploymentAction;
import dev.shiplog.deployment.domain.access.Requirement;
import dev.shiplog.deployment.domain.request.Cancellation;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Decisions on a deployment already asked for: cancelling it (a deployer of its project, a maintainer when its
 * environment is protected), approving or rejecting it (a maintainer other than its requester). The rules are the
 * domain's ({@link Cancellation}, {@link Approvals}); this loads the deployment, asks them, and writes the event.
 */
@ApplicationScoped
public class DeploymentDecisions {

    private final EventPublisher events;
    private final DeploymentAccess access;

    public DeploymentDecisions(@DeploymentEventsLog EventPublisher events, DeploymentAccess access) {
        this.events = events;
        this.access = access;
    }

    /** Asks the pipeline to cancel a queued or running deployment. */
    public void cancel(String deploymentId, Caller caller, String reason, Envelope cause) {
        Refusals.throwIf(Violations.check("id", FieldRules.identifier(deploymentId))
                .and("reason", reason == null ? null : FieldRules.line(reason, FieldRules.REASON)).list());
        DeploymentEntity deployment = find(deploymentId, caller);
        Actor actor = access.mayChange(caller, deployment.projectId, deployment.environment, DeploymentAction.CANCEL,
                deployment.id, cause);
        Refusals.throwIf(Cancellation.refusal(deploymentId, deployment.status));
        events.publish(EnvironmentRef.of(deployment.projectId, deployment.environment).key(),
                CancellationRequested.newBuilder()
                        .setEnvelope(cause != null ? Envelopes.causedBy(cause, actor)
                                : Envelopes.root(actor, deploymentId, null))
                        .setDeploymentId(deploymentId)
                        .setProjectId(deployment.projectId)
                        .setEnvironment(deployment.environment)
                        .setReason(reason)
                        .build());
    }

    /** Approves ({@code approve}) or rejects a deployment waiting for approval; 409 if it does not (any more). */
    public void decide(String deploymentId, Caller caller, boolean approve, String comment) {
        Refusals.throwIf(Violations.check("id", FieldRules.identifier(deploymentId))
                .and(approve ? "comment" : "reason",
                        comment == null ? null : FieldRules.line(comment, FieldRules.REASON)).list());
        DeploymentEntity deployment = find(deploymentId, caller);
        Requirement needed = Authority.toDecide(approve);
        Actor actor = access.require(caller, deployment.projectId, deployment.environment, deploymentId, needed, null);
        Refusal refusal = Approvals.refusal(new Approvals.Waiting(deploymentId, deployment.initiatedBy,
                deployment.status, deployment.approvalStatus, deployment.approvalExpiresAt), caller.person(),
                Instant.now());
        if (refusal != null && refusal.kind() == Refusal.Kind.FORBIDDEN) {
            throw access.refuse(caller, deployment.projectId, deployment.environment, deploymentId, needed,
                    refusal.rule());
        }
        Refusals.throwIf(refusal);
        Envelope envelope = Envelopes.root(actor, deploymentId, null);
        String key = EnvironmentRef.of(deployment.projectId, deployment.environment).key();
        if (approve) {
            events.publish(key, DeploymentApproved.newBuilder().setEnvelope(envelope).setDeploymentId(deploymentId)
                    .setProjectId(deployment.projectId).setEnvironment(deployment.environment).setComment(comment)
                    .build());
        } else {
            events.publish(key, DeploymentRejected.newBuilder().setEnvelope(envelope).setDeploymentId(deploymentId)
                    .setProjectId(deployment.projectId).setEnvironment(deployment.environment).setReason(comment)
                    .build());
        }
    }

    /** The deployment, if it exists and the caller has a role in its project: 404 alike otherwise. */
    private DeploymentEntity find(String deploymentId, Caller caller) {
        DeploymentEntity deployment = Tx.read(() -> DeploymentEntity.findById(deploymentId));
        if (deployment == null || !access.maySee(caller, deployment.projectId)) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        return deployment;
    }
}
