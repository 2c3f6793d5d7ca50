package dev.shiplog.deployment.domain;

import java.time.Instant;
import java.util.List;

/** A deployment as the history projection knows it (PRD Deployment). */
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
        Instant startedAt,
        Instant completedAt,
        String initiatedBy,
        Integer queuePosition,
        String failureReason,
        List<StageRun> stages) {

    /** One pipeline stage with its times. */
    public record StageRun(String stage, String status, Instant startedAt, Instant completedAt, String message) {
    }
}
