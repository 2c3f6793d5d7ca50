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

    /** The spec of a queued deployment, from its lane entry. */
    public static DeploymentSpec of(dev.shiplog.pipeline.repository.LaneEntry entry, Envelope cause) {
        dev.shiplog.schema.common.DeploymentConfig config;
        try {
            config = dev.shiplog.schema.common.DeploymentConfig.fromByteBuffer(java.nio.ByteBuffer.wrap(entry.config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new DeploymentSpec(entry.deploymentId, entry.projectId, entry.environment, entry.version,
                entry.gitUrl, entry.gitCommit, entry.gitBranch, entry.archiveId, config.getInstallCommand(),
                config.getBuildCommand(), config.getOutputDirectory(), Map.copyOf(config.getEnvironmentVariables()),
                config.getHealthCheckPath(), config.getTimeoutSeconds(), entry.requestedAt, cause);
    }
}
