package dev.shiplog.environment.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * An environment as the projection knows it: its configuration, its health ({@code healthy}, {@code degraded},
 * {@code down}, or null until a health check has reported) and the deployment live in it; {@code id} is
 * {@code projectId/name}.
 */
public record Environment(
        String id,
        String projectId,
        String name,
        String url,
        Map<String, String> settings,
        @JsonProperty("protected") boolean isProtected,
        boolean approvalRequired,
        String status,
        String currentDeployment,
        String currentVersion,
        Instant createdAt,
        Instant updatedAt) {
}
