package dev.shiplog.pipeline.domain.lane;

/** The environment is pinned by a rollback: which rollback, why, who asked for it. */
public record Pin(String rollbackDeploymentId, String reason, String by) {

    /** What a deployment that would join a pinned environment's line is told. */
    String refusal() {
        return "the environment is pinned by rollback " + rollbackDeploymentId
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + "; unpin it to deploy here again";
    }
}
