package dev.shiplog.deployment.rest;

/**
 * Body of {@code POST /api/deployments/{id}/rollback}, optional: the release to return to (default: the one live
 * before {@code id}) and why.
 */
public record RollbackRequest(String targetDeploymentId, String reason) {
}
