package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;

/**
 * How many deployments may wait (scheduled or pending) in one environment: past the cap, a new request is refused
 * (409) until some have started, so one caller cannot bury an environment's lane under hundreds of requests. A
 * rollback is never refused for it: it is how an environment is rescued.
 */
public final class WaitingCap {

    /** Why {@code request} may not join the {@code waiting} deployments of its environment under {@code cap}, or null. */
    public static Refusal refusal(NewDeployment request, long waiting, int cap) {
        if (waiting < cap || (request.restore() != null
                && request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK)) {
            return null;
        }
        return Refusal.conflict("environment", "Environment " + request.environment() + " of project "
                + request.projectId() + " already has " + waiting + " deployments waiting, its cap"
                + " (shiplog.limits.max-waiting = " + cap + "); ask again once some have started");
    }

    private WaitingCap() {
    }
}
