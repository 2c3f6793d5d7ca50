package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import java.time.Instant;

/**
 * Body of {@code POST /api/deployments}. Source: a git repository ({@code gitUrl}, a URL or a local path, at
 * {@code gitCommit} or {@code gitBranch}) or an uploaded source archive ({@code archiveId}). {@code scheduledAt}: start
 * then, not before (it is {@code scheduled} until its time).
 */
public record DeploymentRequest(
        String projectId,
        String environment,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String archiveId,
        DeploymentConfigDto config,
        Instant scheduledAt) {

    /** The command this body asks for. */
    NewDeployment toCommand() {
        return new NewDeployment(projectId, environment, version, gitUrl, gitCommit, gitBranch, archiveId,
                config == null ? DeploymentSettings.NONE : config.toSettings(), scheduledAt, null);
    }
}
