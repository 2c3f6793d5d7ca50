package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.Refusal;

/** Only a deployment that is not over (pending, scheduled, running) can be cancelled. */
public final class Cancellation {

    /** Why deployment {@code deploymentId}, now {@code status} (its wire name), cannot be cancelled, or null. */
    public static Refusal refusal(String deploymentId, String status) {
        boolean over = DeploymentStatus.fromWire(status).map(DeploymentStatus::finished).orElse(false);
        return over ? Refusal.conflict(null, "Deployment " + deploymentId + " is already " + status
                + "; only a pending or running deployment can be cancelled") : null;
    }

    private Cancellation() {
    }
}
