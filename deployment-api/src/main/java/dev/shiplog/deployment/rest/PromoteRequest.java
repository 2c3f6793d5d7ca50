package dev.shiplog.deployment.rest;

import java.time.Instant;

/** Body of {@code POST /api/deployments/{id}/promote}: the environment that gets the artifact, and when (optional). */
public record PromoteRequest(String environment, Instant scheduledAt) {
}
