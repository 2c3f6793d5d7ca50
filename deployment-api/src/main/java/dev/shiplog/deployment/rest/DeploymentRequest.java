package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;

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

    /** The command this body asks for. */
    NewDeployment toCommand() {
        return new NewDeployment(projectId, environment, version, gitUrl, gitCommit, gitBranch, archiveId,
                config == null ? DeploymentSettings.NONE : config.toSettings());
    }
}
