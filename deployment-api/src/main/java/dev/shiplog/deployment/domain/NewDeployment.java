package dev.shiplog.deployment.domain;

import java.time.Instant;

/**
 * The command to deploy a version of a project to an environment, whoever asks (the REST API or a
 * {@code RequestDeployment} on Kafka). Source: a git repository ({@code gitUrl} at {@code gitCommit} or
 * {@code gitBranch}) or an uploaded source archive ({@code archiveId}); or, for a rollback or a promotion,
 * {@code restore}: an artifact activated as it is (the source is then the one it was built from, for the record).
 * {@code scheduledAt}: not before then (null: now). ({@code scheduledAt} and {@code restore} are left out of its canonical
 * form when null, so that an idempotency key taken before these existed still stands for the same request: the
 * mapping's {@code DomainJson}.)
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
        Instant scheduledAt,
        Restore restore) {

    /** A deployment built from its source, now. */
    public NewDeployment(String projectId, String environment, String version, String gitUrl, String gitCommit,
            String gitBranch, String archiveId, DeploymentSettings config) {
        this(projectId, environment, version, gitUrl, gitCommit, gitBranch, archiveId, config, null, null);
    }

    /**
     * The environment's configuration this deployment runs with: a rollback's, its target's exactly as recorded;
     * any other's, the environment's as it is now ({@code environmentNow}, null if it is not known).
     */
    public Snapshot snapshotWith(Snapshot environmentNow) {
        return restore != null && restore.snapshot() != null ? restore.snapshot() : environmentNow;
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
