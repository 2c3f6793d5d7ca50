package dev.shiplog.deployment.domain;

import java.time.Instant;
import java.util.Map;

/** Requests and recorded facts to give the rules in tests. */
public final class Requests {

    public static final String PROJECT = "shop";
    public static final String STAGING = "staging";

    /** A deployment of version 1.0.0 of shop to staging, from a git repository, configured by {@code config}. */
    public static NewDeployment fromGit(DeploymentSettings config) {
        return new NewDeployment(PROJECT, STAGING, "1.0.0", "https://github.com/acme/shop.git", null, "main", null,
                config);
    }

    public static NewDeployment fromGit() {
        return fromGit(DeploymentSettings.NONE);
    }

    /** The same request with {@code field} set to {@code value} (version, gitUrl, gitCommit, gitBranch, archiveId). */
    public static NewDeployment with(NewDeployment r, String field, String value) {
        return new NewDeployment(field.equals("projectId") ? value : r.projectId(), r.environment(),
                field.equals("version") ? value : r.version(),
                field.equals("gitUrl") ? value : r.gitUrl(), field.equals("gitCommit") ? value : r.gitCommit(),
                field.equals("gitBranch") ? value : r.gitBranch(), field.equals("archiveId") ? value : r.archiveId(),
                r.config(), r.scheduledAt(), r.restore());
    }

    public static NewDeployment scheduled(Instant at) {
        NewDeployment r = fromGit();
        return new NewDeployment(r.projectId(), r.environment(), r.version(), r.gitUrl(), r.gitCommit(),
                r.gitBranch(), r.archiveId(), r.config(), at, null);
    }

    /** A rollback of shop/staging to {@code target}'s artifact. */
    public static NewDeployment rollbackTo(String target) {
        return new NewDeployment(PROJECT, STAGING, "1.0.0", null, null, null, null, DeploymentSettings.NONE, null,
                new NewDeployment.Restore(NewDeployment.Restore.Kind.ROLLBACK, target, "a".repeat(64), "v2", null,
                        false, null));
    }

    public static DeploymentSettings config(String buildCommand, Map<String, String> variables) {
        return new DeploymentSettings(buildCommand, null, variables, null, null, null, null, null);
    }

    private Requests() {
    }
}
