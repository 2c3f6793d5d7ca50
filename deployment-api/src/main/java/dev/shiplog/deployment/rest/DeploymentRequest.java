package dev.shiplog.deployment.rest;

/**
 * Body of {@code POST /api/deployments}. Source: a git repository ({@code gitUrl}, a URL or a local path, at
 * {@code gitCommit} or {@code gitBranch}) or an uploaded source archive ({@code archiveId}).
 */
public record DeploymentRequest(
        String projectId,
        String environment,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String archiveId,
        DeploymentConfigDto config) {
}
