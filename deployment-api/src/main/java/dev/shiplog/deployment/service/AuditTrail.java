package dev.shiplog.deployment.service;

import dev.shiplog.deployment.repository.AuditEntryEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.access.MemberRemoved;
import dev.shiplog.schema.access.MemberRoleGranted;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.schema.access.TokenRevoked;
import dev.shiplog.schema.audit.CommandRefused;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The audit trail, from the log: every command with its actor, the role they acted with, its outcome and time.
 * Accepted commands are the facts they caused (a deployment requested, scheduled, rolled back or promoted, cancelled,
 * approved or rejected; an environment configured, pinned by a rollback, unpinned; a retention policy set, a cleanup
 * asked for; a token issued or revoked; a member's role given or taken); {@code CommandRefused} is a
 * call refused for want of a role, {@code CommandRejected} a command from Kafka refused as invalid or unauthorized.
 * What the platform does by itself (the pipeline's events) is not a command, and not here.
 */
@ApplicationScoped
public class AuditTrail implements Projection {

    public static final String CONSUMER = "deployment-api.audit";

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS, Topics.ENVIRONMENT_EVENTS, Topics.ACCESS_EVENTS,
                Topics.AUDIT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        Envelope e = delivery.envelope();
        if (delivery.event() instanceof DeploymentRequested r) {
            String action = r.getRollback() != null ? "deployment.rollback"
                    : r.getPromotedFrom() != null ? "deployment.promote" : "deployment.request";
            String what = r.getRollback() != null ? "back to " + r.getRollback().getTargetDeploymentId() + " (version "
                    + r.getVersion() + ")" + (r.getRollback().getAutomatic() ? ", automatic" : "")
                    + (r.getRollback().getReason() == null ? "" : ": " + r.getRollback().getReason())
                    : r.getPromotedFrom() != null ? "artifact of " + r.getPromotedFrom() + " (version " + r.getVersion()
                            + ")" : "version " + r.getVersion();
            record(e, action, "accepted", r.getProjectId(), r.getEnvironment(), r.getDeploymentId(), what
                    + (r.getNotBefore() != null ? ", scheduled for " + r.getNotBefore() : "")
                    + (r.getApprovalRequired() ? ", waiting for an approval" : ""));
        } else if (delivery.event() instanceof EnvironmentPinned p) {
            record(e, "environment.pin", "accepted", p.getProjectId(), p.getEnvironment(),
                    p.getRollbackDeploymentId(), p.getReason());
        } else if (delivery.event() instanceof EnvironmentUnpinned u) {
            record(e, "environment.unpin", "accepted", u.getProjectId(), u.getEnvironment(), null, u.getReason());
        } else if (delivery.event() instanceof RetentionPolicySet p) {
            record(e, "project.retention", "accepted", p.getProjectId(), null, null, "keep the last "
                    + p.getKeepLast() + " releases of each environment" + (p.getKeepDays() == null ? ""
                            : " and artifacts younger than " + p.getKeepDays() + " days"));
        } else if (delivery.event() instanceof ArtifactCleanupRequested c) {
            record(e, "artifacts.cleanup", "accepted", c.getProjectId(), null, null, null);
        } else if (delivery.event() instanceof CancellationRequested c) {
            record(e, "deployment.cancel", "accepted", c.getProjectId(), c.getEnvironment(), c.getDeploymentId(),
                    c.getReason());
        } else if (delivery.event() instanceof DeploymentApproved a) {
            record(e, "deployment.approve", "accepted", a.getProjectId(), a.getEnvironment(), a.getDeploymentId(),
                    a.getComment());
        } else if (delivery.event() instanceof DeploymentRejected r) {
            record(e, "deployment.reject", "accepted", r.getProjectId(), r.getEnvironment(), r.getDeploymentId(),
                    r.getReason());
        } else if (delivery.event() instanceof CommandRejected r) {
            record(e, "command." + r.getCommandType(), "rejected", r.getProjectId(), r.getEnvironment(),
                    r.getCommandId(), (r.getField().isEmpty() ? "" : r.getField() + ": ") + r.getReason());
        } else if (delivery.event() instanceof EnvironmentConfigured c && !e.getActor().startsWith("service:")) {
            record(e, "environment.configure", "accepted", c.getProjectId(), c.getEnvironment(), null,
                    (c.getProtected$() ? "protected" : "unprotected")
                            + (c.getApprovalRequired() ? ", approvals required" : ""));
        } else if (delivery.event() instanceof TokenIssued t) {
            record(e, "token.issue", "accepted", t.getProjectId(), null, t.getTokenId(), t.getName() + " for "
                    + t.getSubject() + (t.getRole() == null ? "" : " as " + t.getRole()) + ", expires "
                    + t.getExpiresAt());
        } else if (delivery.event() instanceof TokenRevoked t) {
            record(e, "token.revoke", "accepted", null, null, t.getTokenId(), t.getReason());
        } else if (delivery.event() instanceof MemberRoleGranted m) {
            record(e, "member.grant", "accepted", m.getProjectId(), null, m.getSubject(), m.getRole());
        } else if (delivery.event() instanceof MemberRemoved m) {
            record(e, "member.remove", "accepted", m.getProjectId(), null, m.getSubject(), null);
        } else if (delivery.event() instanceof CommandRefused r) {
            record(e, r.getAction(), "refused", r.getProjectId(), r.getEnvironment(), r.getTarget(), r.getReason());
        }
    }

    private static void record(Envelope e, String action, String outcome, String projectId, String environment,
            String target, String detail) {
        if (AuditEntryEntity.findById(e.getEventId()) != null) {
            return;
        }
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.eventId = e.getEventId();
        entry.at = e.getOccurredAt();
        entry.actor = e.getActor();
        entry.actorRole = e.getActorRole();
        entry.actorCredential = e.getActorCredential();
        entry.action = action;
        entry.outcome = outcome;
        entry.projectId = projectId;
        entry.environment = environment;
        entry.target = target;
        entry.detail = FieldRules.storable(detail);
        entry.persist();
    }
}
