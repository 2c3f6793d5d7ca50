package dev.shiplog.deployment.domain.release;

import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Refusal;
import dev.shiplog.deployment.domain.Verdict;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.rules.ReleaseLine;
import java.time.Instant;

/**
 * A rollback: a deployment of its own that re-activates an earlier release of the environment, its artifact and its
 * configuration snapshot exactly as recorded, building nothing. What is live, what was live before and whether a
 * rollback may return to a release are {@link ReleaseLine}'s answers; this adds the API's own facts (the target is a
 * deployment of this very environment, and it succeeded) and the API's wording and status of each refusal.
 */
public final class Rollbacks {

    private static final String FIELD = "targetDeploymentId";

    /** The release live in {@code where} now: what a rollback of the environment replaces. */
    public static Verdict<String> liveNow(ReleaseLine line, EnvironmentRef where) {
        return line.live().map(r -> Verdict.of(r.deploymentId())).orElseGet(() -> Verdict.refused(Refusal.conflict(
                "environment", "nothing is live in " + where + ": there is nothing to roll back")));
    }

    /**
     * The release a rollback from {@code fromId} returns to: {@code targetId} when it names one, else the release
     * live before {@code fromId} went live.
     */
    public static Verdict<String> target(ReleaseLine line, EnvironmentRef where, String fromId, String targetId) {
        if (targetId != null) {
            return Verdict.of(targetId);
        }
        if (!wentLive(line, fromId)) {
            return Verdict.refused(Refusal.unprocessable(FIELD, "deployment " + fromId + " was never live in " + where
                    + ", so there is no release before it: name the one to return to"));
        }
        return line.before(fromId).map(r -> Verdict.of(r.deploymentId())).orElseGet(() -> Verdict.refused(
                Refusal.conflict(FIELD, "no release was live in " + where + " before " + fromId
                        + ": there is nothing to return to")));
    }

    /**
     * The request that returns {@code where} from {@code fromId} to {@code targetId} ({@code target}: that deployment
     * as recorded, null if there is none), {@code reason} saying why; {@code artifactDeletedAt}: when retention let
     * the target's artifact go (null: it is kept).
     */
    public static Verdict<NewDeployment> rollback(ReleaseLine line, EnvironmentRef where, String fromId,
            String targetId, RecordedDeployment target, String reason, Instant artifactDeletedAt) {
        if (target == null) {
            return refused("no deployment " + targetId);
        }
        if (!target.projectId().equals(where.projectId()) || !target.environment().equals(where.environment())) {
            return refused("deployment " + targetId + " is one of " + target.projectId() + "/" + target.environment()
                    + "; a rollback stays in " + where);
        }
        boolean kept = artifactDeletedAt == null;
        String refusal = line.rollbackRefusal(targetId, null, kept, where.key());
        if (refusal != null && !wentLive(line, targetId)) {
            return refused("deployment " + targetId + " was never live in " + where + " (it is " + target.status()
                    + ")");
        }
        if (!DeploymentStatus.SUCCESS.wire().equals(target.status())
                && !DeploymentStatus.ROLLED_BACK.wire().equals(target.status())) {
            return refused("deployment " + targetId + " did not succeed (it is " + target.status() + ")");
        }
        if (refusal != null) {
            String artifact = line.find(targetId).orElseThrow().artifactId();
            return Verdict.refused(Refusal.conflict(FIELD, line.isLive(targetId) || kept ? refusal
                    : "deployment " + targetId + " cannot be restored: its artifact " + artifact + " was cleaned up at "
                            + artifactDeletedAt + " (retention)"));
        }
        NewDeployment.Restore restore = new NewDeployment.Restore(NewDeployment.Restore.Kind.ROLLBACK, targetId,
                line.find(targetId).orElseThrow().artifactId(), fromId, reason, false, target.snapshot());
        return Verdict.of(new NewDeployment(where.projectId(), where.environment(), target.version(), target.gitUrl(),
                target.gitCommit(), target.gitBranch(), target.archiveId(), target.config(), null, restore));
    }

    /** Whether {@code deploymentId} went live in the line's environment and was not withdrawn since. */
    private static boolean wentLive(ReleaseLine line, String deploymentId) {
        return line.find(deploymentId).filter(r -> !r.withdrawn()).isPresent();
    }

    private static <T> Verdict<T> refused(String rule) {
        return Verdict.refused(Refusal.unprocessable(FIELD, rule));
    }

    private Rollbacks() {
    }
}
