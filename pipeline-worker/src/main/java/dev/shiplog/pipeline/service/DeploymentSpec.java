package dev.shiplog.pipeline.service;

import dev.shiplog.schema.common.Envelope;
import java.time.Instant;
import java.util.Map;

/** What the stages need to run one deployment, taken from its DeploymentRequested. */
public record DeploymentSpec(
        String deploymentId,
        String projectId,
        String environment,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String archiveId,
        String installCommand,
        String buildCommand,
        String outputDirectory,
        Map<String, String> environmentVariables,
        String healthCheckPath,
        Integer timeoutSeconds,
        Instant requestedAt,
        Envelope cause) {
}
