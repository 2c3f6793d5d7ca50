package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.lane.Entry;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
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
        Instant requestedAt,
        String artifactId,
        Entry.Restore restore,
        Map<String, String> settings) {

    /** The spec of a deployment in a lane. */
    public static DeploymentSpec of(LaneEntryEntity entry) {
        DeploymentConfig config;
        EnvironmentSnapshot snapshot;
        try {
            config = DeploymentConfig.fromByteBuffer(ByteBuffer.wrap(entry.config));
            snapshot = entry.snapshot == null ? null : EnvironmentSnapshot.fromByteBuffer(ByteBuffer.wrap(entry.snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DeploymentSpec(entry.deploymentId, entry.projectId, entry.environment, entry.version,
                entry.gitUrl, entry.gitCommit, entry.gitBranch, entry.archiveId, config.getInstallCommand(),
                config.getBuildCommand(), config.getOutputDirectory(), Map.copyOf(config.getEnvironmentVariables()),
                config.getHealthCheckPath(), config.getTimeoutSeconds(), entry.requestedAt, entry.artifactId,
                LaneStore.restore(entry), snapshot == null ? Map.of() : Map.copyOf(snapshot.getSettings()));
    }

    /** A deployment that builds nothing: it activates {@link #artifactId} as it is (a rollback, a promotion). */
    public boolean restores() {
        return artifactId != null;
    }
}
