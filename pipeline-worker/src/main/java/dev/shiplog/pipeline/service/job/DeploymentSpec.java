package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.schema.common.DeploymentConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/** What the stages need to run one deployment, taken from its request as the lane keeps it. */
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
        Instant requestedAt) {

    /** The spec of a deployment in a lane. */
    public static DeploymentSpec of(LaneEntryEntity entry) {
        DeploymentConfig config;
        try {
            config = DeploymentConfig.fromByteBuffer(ByteBuffer.wrap(entry.config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeploymentSpec(entry.deploymentId, entry.projectId, entry.environment, entry.version,
                entry.gitUrl, entry.gitCommit, entry.gitBranch, entry.archiveId, config.getInstallCommand(),
                config.getBuildCommand(), config.getOutputDirectory(), Map.copyOf(config.getEnvironmentVariables()),
                config.getHealthCheckPath(), config.getTimeoutSeconds(), entry.requestedAt);
    }
}
