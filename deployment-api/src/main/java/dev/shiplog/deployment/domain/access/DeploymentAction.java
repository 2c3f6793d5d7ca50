package dev.shiplog.deployment.domain.access;

import dev.shiplog.deployment.domain.NewDeployment;

/** What a command does to an environment's deployments, as the audit names it and as a refusal says it. */
public enum DeploymentAction {
    REQUEST("deployment.request", "deploying to"),
    ROLLBACK("deployment.rollback", "rolling back"),
    PROMOTE("deployment.promote", "promoting into"),
    CANCEL("deployment.cancel", "cancelling a deployment in");

    private final String action;
    private final String doing;

    DeploymentAction(String action, String doing) {
        this.action = action;
        this.doing = doing;
    }

    public String action() {
        return action;
    }

    /** What it does, in words, before the environment's name. */
    public String doing() {
        return doing;
    }

    /** What {@code request} does: a deployment, a rollback or a promotion. */
    public static DeploymentAction of(NewDeployment request) {
        if (request.restore() == null) {
            return REQUEST;
        }
        return request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK ? ROLLBACK : PROMOTE;
    }
}
