package dev.shiplog.environment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * An environment as the projection knows it: its configuration, its health (healthy, degraded, down) and the
 * deployment live in it; {@code id} is {@code projectId/name}.
 */
public record EnvironmentView(
        String id,
        String projectId,
        String name,
        String url,
        Map<String, String> settings,
        @JsonProperty("protected") boolean isProtected,
        String status,
        String currentDeployment,
        String currentVersion,
        Instant createdAt,
        Instant updatedAt) {
}
