package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.ReleasePage;

/**
 * While a rollback pins an environment, only another rollback may go there; anything else is refused (409) until an
 * unpin. (The pipeline-worker's lane cancels what was accepted before the pin was seen here.)
 */
public final class Pins {

    /** Why {@code request} may not go to its environment pinned by {@code pin} (null: not pinned), or null. */
    public static Refusal refusal(NewDeployment request, ReleasePage.Pin pin) {
        if (pin == null || (request.restore() != null
                && request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK)) {
            return null;
        }
        return Refusal.conflict(null, "Environment " + request.environment() + " of project " + request.projectId()
                + " is pinned since " + pin.at() + " by rollback " + pin.rollbackDeploymentId()
                + (pin.reason() == null ? "" : " (" + pin.reason() + ")") + "; unpin it first (POST /api/projects/"
                + request.projectId() + "/environments/" + request.environment() + "/unpin)");
    }

    /** Why an unpin of {@code environment} is refused: it is not pinned ({@code pinned} false); or null. */
    public static Refusal unpinRefusal(String projectId, String environment, boolean pinned) {
        return pinned ? null : Refusal.conflict("environment", "environment " + environment + " of project "
                + projectId + " is not pinned");
    }

    private Pins() {
    }
}
