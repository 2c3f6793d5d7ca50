package dev.shiplog.deployment.domain.release;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Verdict;
import java.time.Instant;

/**
 * A promotion: a successful deployment's very artifact deployed into another environment of its project, with that
 * environment's configuration, building nothing.
 */
public final class Promotions {

    /**
     * The request that promotes {@code source} into {@code environment} (at {@code scheduledAt}, null: now);
     * {@code artifactDeletedAt}: when retention let its artifact go (null: it is kept).
     */
    public static Verdict<NewDeployment> promote(RecordedDeployment source, String environment, Instant scheduledAt,
            Instant artifactDeletedAt) {
        if (!DeploymentStatus.SUCCESS.wire().equals(source.status()) || source.artifactId() == null) {
            return Verdict.refused(Refusal.conflict("id", "deployment " + source.id() + " did not succeed (it is "
                    + source.status() + "): only a successful deployment's artifact is promoted"));
        }
        if (source.environment().equals(environment)) {
            return Verdict.refused(Refusal.unprocessable("environment", "is the environment deployment " + source.id()
                    + " is in already: promote it to another one"));
        }
        if (artifactDeletedAt != null) {
            return Verdict.refused(Refusal.conflict("id", "deployment " + source.id() + " cannot be restored: its"
                    + " artifact " + source.artifactId() + " was cleaned up at " + artifactDeletedAt + " (retention)"));
        }
        NewDeployment.Restore restore = new NewDeployment.Restore(NewDeployment.Restore.Kind.PROMOTION, source.id(),
                source.artifactId(), null, null, false, null);
        return Verdict.of(new NewDeployment(source.projectId(), environment, source.version(), source.gitUrl(),
                source.gitCommit(), source.gitBranch(), source.archiveId(), source.config(), scheduledAt, restore));
    }

    private Promotions() {
    }
}
