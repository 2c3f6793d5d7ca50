package dev.shiplog.deployment.domain;

/**
 * The command to deploy a version of a project to an environment, whoever asks (the REST API or a
 * {@code RequestDeployment} on Kafka). Source: a git repository ({@code gitUrl} at {@code gitCommit} or
 * {@code gitBranch}) or an uploaded source archive ({@code archiveId}).
 */
public record NewDeployment(
        String projectId,
        String environment,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String archiveId,
        DeploymentSettings config) {
}
