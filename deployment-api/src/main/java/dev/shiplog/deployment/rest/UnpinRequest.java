package dev.shiplog.deployment.rest;

/** Body of {@code POST /api/projects/{projectId}/environments/{environment}/unpin}: why it may take deployments again. */
public record UnpinRequest(String reason) {
}
