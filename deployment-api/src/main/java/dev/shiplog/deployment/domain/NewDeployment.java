package dev.shiplog.deployment.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The command to deploy a version of a project to an environment, whoever asks (the REST API or a
 * {@code RequestDeployment} on Kafka). Source: a git repository ({@code gitUrl} at {@code gitCommit} or
 * {@code gitBranch}) or an uploaded source archive ({@code archiveId}); or, for a rollback or a promotion,
 * {@code restore}: an artifact activated as it is (the source is then the one it was built from, for the record).
 * {@code scheduledAt}: not before then (null: now). (Left out of its canonical form when null, so that an idempotency key
 * taken before these existed still stands for the same request.)
 */
public record NewDeployment(
        String projectId,
        String environment,
        String version,
        String gitUrl,
        String gitCommit,
        String gitBranch,
        String archiveId,
        DeploymentSettings config,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant scheduledAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Restore restore) {

    /** A deployment built from its source, now. */
    public NewDeployment(String projectId, String environment, String version, String gitUrl, String gitCommit,
            String gitBranch, String archiveId, DeploymentSettings config) {
        this(projectId, environment, version, gitUrl, gitCommit, gitBranch, archiveId, config, null, null);
    }

    /**
     * What a deployment that builds nothing activates: {@code artifactId} as it is, {@code from} a rollback's target or
     * a promotion's source; a rollback also says which deployment it was asked about ({@code replaced}), why, whether
     * the platform asked by itself, and the configuration snapshot it restores ({@code snapshot}, the target's).
     */
    public record Restore(Kind kind, String from, String artifactId, String replaced, String reason,
            boolean automatic, Snapshot snapshot) {
        /** Back to an earlier release, or the same artifact into another environment. */
        public enum Kind {
            ROLLBACK, PROMOTION
        }
    }
}
