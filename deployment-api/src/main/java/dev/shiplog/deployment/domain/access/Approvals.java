package dev.shiplog.deployment.domain.access;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.Refusal;
import java.time.Duration;
import java.time.Instant;

/**
 * Approvals, four eyes: in an environment that requires approvals a deployment waits (pending) until a maintainer
 * other than its requester approves or rejects it, before its approval expires.
 */
public final class Approvals {

    /** What a decision is taken on: the deployment, who asked for it, where it is, its approval and its expiry. */
    public record Waiting(String deploymentId, String initiatedBy, String status, String approvalStatus,
            Instant approvalExpiresAt) {
    }

    /**
     * When a deployment requested at {@code requestedAt} stops waiting for its approval, if its environment requires
     * approvals ({@code required}); null otherwise.
     */
    public static Instant expiry(boolean required, Instant requestedAt, Duration timeout) {
        return required ? requestedAt.plus(timeout) : null;
    }

    /**
     * Why {@code subject} (a maintainer) may not approve or reject {@code deployment} at {@code now}, or null: they
     * asked for it themselves (forbidden: another maintainer must), it does not wait for an approval (any more), or
     * its approval expired.
     */
    public static Refusal refusal(Waiting deployment, String subject, Instant now) {
        if (subject.equals(deployment.initiatedBy())) {
            return Refusal.forbidden(subject + " asked for this deployment; it needs the approval of another"
                    + " maintainer");
        }
        if (!"waiting".equals(deployment.approvalStatus())
                || !DeploymentStatus.PENDING.wire().equals(deployment.status())) {
            return Refusal.conflict(null, "Deployment " + deployment.deploymentId() + " does not wait for an approval"
                    + " (it is " + deployment.status() + (deployment.approvalStatus() == null ? ""
                            : ", approval " + deployment.approvalStatus()) + ")");
        }
        if (deployment.approvalExpiresAt() != null && deployment.approvalExpiresAt().isBefore(now)) {
            return Refusal.conflict(null, "The approval of deployment " + deployment.deploymentId() + " expired at "
                    + deployment.approvalExpiresAt() + "; ask for the deployment again");
        }
        return null;
    }

    private Approvals() {
    }
}
