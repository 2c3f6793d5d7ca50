package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.domain.Restore;
import dev.shiplog.pipeline.mapping.Requests;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.common.SealedSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the stages need to run one deployment, taken from its request as the lane keeps it: {@code variables} and
 * {@code secrets} (still sealed) are its environment's, as the request's snapshot recorded them;
 * {@code environmentVariables} the request's own. {@code startCommand}, when set, makes the release an
 * {@linkplain #application() application} started with it.
 */
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
        String startCommand,
        Integer timeoutSeconds,
        Instant requestedAt,
        String artifactId,
        Restore restore,
        Map<String, String> settings,
        Map<String, String> variables,
        List<SealedSecret> secrets) {

    /** The spec of a deployment in a lane. */
    public static DeploymentSpec of(LaneEntryEntity entry) {
        DeploymentConfig config = Requests.config(entry.config);
        EnvironmentSnapshot snapshot = Requests.snapshot(entry.snapshot);
        return new DeploymentSpec(entry.deploymentId, entry.projectId, entry.environment, entry.version,
                entry.gitUrl, entry.gitCommit, entry.gitBranch, entry.archiveId, config.getInstallCommand(),
                config.getBuildCommand(), config.getOutputDirectory(), Map.copyOf(config.getEnvironmentVariables()),
                config.getHealthCheckPath(), config.getStartCommand(), config.getTimeoutSeconds(), entry.requestedAt,
                entry.artifactId, LaneStore.restore(entry),
                snapshot == null ? Map.of() : Map.copyOf(snapshot.getSettings()),
                snapshot == null ? Map.of() : Map.copyOf(snapshot.getVariables()),
                snapshot == null ? List.of() : List.copyOf(snapshot.getSecrets()));
    }

    /**
     * A server application: the runtime starts it with {@link #startCommand} in the unpacked artifact's directory
     * (it listens on {@code $PORT}); otherwise a static site served from the artifact's files.
     */
    public boolean application() {
        return startCommand != null && !startCommand.isBlank();
    }

    /** A rollback (not a promotion). */
    public boolean rollback() {
        return restore != null && restore.kind() == Restore.Kind.ROLLBACK;
    }

    /** A deployment that builds nothing: it activates {@link #artifactId} as it is (a rollback, a promotion). */
    public boolean restores() {
        return artifactId != null;
    }
}
