package dev.shiplog.deployment.domain;

import java.time.Instant;

/**
 * A release that was live in an environment: its deployment and version, its artifact (sha256), the configuration
 * it ran with (the deployment's config and the environment snapshot), who activated it and when, whether it is live,
 * how it ended ({@code replaced}, {@code rolled_back}, {@code health_failure}; null while live), by which deployment
 * and why, and whether it can still be restored (its artifact is kept).
 */
public record Release(
        String deploymentId,
        String kind,
        String version,
        String artifactId,
        DeploymentSettings config,
        Snapshot snapshot,
        String activatedBy,
        Instant activatedAt,
        boolean live,
        String ended,
        Instant endedAt,
        String endedBy,
        String endedReason,
        boolean restorable,
        Instant artifactDeletedAt) {
}
