package dev.shiplog.environment.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An environment as the projection knows it: its configuration, its health ({@code healthy}, {@code degraded},
 * {@code down}, or null until a health check has reported), the deployment live in it, and its pin (after a
 * rollback: new deployments are refused until someone unpins it; null when not pinned); {@code id} is
 * {@code projectId/name}.
 */
public record Environment(
        String id,
        String projectId,
        String name,
        String url,
        Settings settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        Integer bakeSeconds,
        java.util.List<Variable> variables,
        String status,
        String currentDeployment,
        String currentVersion,
        String currentArtifact,
        Pin pin,
        Instant createdAt,
        Instant updatedAt) {

    /** Who pinned the environment (the rollback's requester, or the platform), when, by which rollback, why. */
    public record Pin(String rollbackDeploymentId, String reason, String by, Instant at) {
    }
}
