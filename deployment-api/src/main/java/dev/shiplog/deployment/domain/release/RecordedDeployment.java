package dev.shiplog.deployment.domain.release;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.Snapshot;

/**
 * A deployment as the history recorded it, what a rollback or a promotion is built from: where it went, how it
 * ended ({@code status}, its wire name), what it deployed (version, source, configuration, artifact) and with which
 * environment snapshot (secrets still sealed).
 */
public record RecordedDeployment(String id, String projectId, String environment, String status, String version,
        String gitUrl, String gitCommit, String gitBranch, String archiveId, DeploymentSettings config,
        String artifactId, Snapshot snapshot) {
}
