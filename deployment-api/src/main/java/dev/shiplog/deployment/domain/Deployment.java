package dev.shiplog.deployment.domain;

import java.time.Instant;
import java.util.List;

/**
 * A deployment as the history projection knows it (PRD Deployment). {@code kind}: {@code build} (from its source),
 * {@code rollback} ({@code restores} its target; {@code replacedDeploymentId} is the one it was asked about) or
 * {@code promotion} ({@code restores} its source); {@code scheduledAt}: when a scheduled one takes its place;
 * {@code snapshot}: the environment's configuration it runs with.
 */
public record Deployment(
        String id,
        String projectId,
        String environment,
        String status,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String artifactId,
        String artifactUrl,
        String deploymentUrl,
        String environmentUrl,
        DeploymentSettings config,
        Instant requestedAt,
        Instant queuedAt,
        Instant startedAt,
        Instant completedAt,
        String initiatedBy,
        Integer queuePosition,
        String failureReason,
        Approval approval,
        String pendingReason,
        String kind,
        String restores,
        String replacedDeploymentId,
        Instant scheduledAt,
        Snapshot snapshot,
        List<StageRun> stages) {

    /**
     * The approval a deployment into an environment that requires one waits for: {@code waiting} (until
     * {@code expiresAt}), {@code approved} or {@code rejected}, by whom, when, with what comment.
     */
    public record Approval(String status, Instant expiresAt, String decidedBy, Instant decidedAt, String comment) {
    }

    /** One pipeline stage with its times. */
    public record StageRun(String stage, String status, Instant startedAt, Instant completedAt, String message) {
    }
}
