package dev.shiplog.pipeline.repository;

import dev.shiplog.schema.rules.ReleaseLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The release history of every environment, from the log. Which release is live is {@link ReleaseLine}'s answer,
 * asked when a release goes live or is withdrawn, and kept in the {@code live} column for every reader.
 */
@ApplicationScoped
public class ReleaseStore {

    /** The environment's releases in the order they went live. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReleaseLine line(String projectId, String environment) {
        List<ReleaseEntity> rows = ReleaseEntity.list("projectId = ?1 and environment = ?2 order by position",
                projectId, environment);
        return ReleaseLine.of(rows.stream()
                .map(r -> new ReleaseLine.Release(r.deploymentId, r.artifactId, r.withdrawn)).toList());
    }

    /** A release went live: recorded once, and the one it replaced is marked so. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activated(ReleaseEntity release) {
        if (ReleaseEntity.findById(release.deploymentId) != null) {
            return; // the same activation seen again
        }
        ReleaseLine before = line(release.projectId, release.environment);
        release.persist();
        ReleaseLine after = before.activated(release.deploymentId, release.artifactId);
        before.live().ifPresent(previous -> ReleaseEntity.update("replacedBy = ?1, replacedAt = ?2 where deploymentId"
                + " = ?3", release.deploymentId, release.activatedAt, previous.deploymentId()));
        keepLive(release.projectId, release.environment, after);
    }

    /**
     * The deployment failed or was cancelled after its activation was recorded: it never served (the switch comes
     * after the record), so the release before it is live again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean withdraw(String deploymentId) {
        ReleaseEntity release = ReleaseEntity.findById(deploymentId);
        if (release == null || release.withdrawn) {
            return false;
        }
        ReleaseLine after = line(release.projectId, release.environment).endedWithoutSuccess(deploymentId);
        release.withdrawn = true;
        ReleaseEntity.update("replacedBy = null, replacedAt = null where replacedBy = ?1", deploymentId);
        keepLive(release.projectId, release.environment, after);
        return true;
    }

    /** Records the line's answer to "what is live". */
    private static void keepLive(String projectId, String environment, ReleaseLine line) {
        String live = line.live().map(ReleaseLine.Release::deploymentId).orElse("");
        ReleaseEntity.update("live = false where projectId = ?1 and environment = ?2 and live = true and deploymentId"
                + " <> ?3", projectId, environment, live);
        ReleaseEntity.update("live = true where deploymentId = ?1 and live = false", live);
    }

    /** The watch of the release's bake period ended with {@code verdict} (once: the first verdict stays). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void baked(String deploymentId, String verdict) {
        ReleaseEntity.update("bakeVerdict = ?1 where deploymentId = ?2 and bakeVerdict is null", verdict,
                deploymentId);
    }

    /** A release being watched over its bake period, as the watch needs it. */
    public record Baking(String deploymentId, String projectId, String environment, String environmentUrl,
            String healthPath, Instant bakeUntil, int failures, boolean live) {
    }

    /** The releases whose bake period is watched and has no verdict yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Baking> baking() {
        return ReleaseEntity.<ReleaseEntity>list("bakeUntil is not null and bakeVerdict is null and withdrawn = false")
                .stream().map(r -> new Baking(r.deploymentId, r.projectId, r.environment, r.environmentUrl,
                        r.healthPath, r.bakeUntil, r.bakeFailures, r.live))
                .toList();
    }

    /** The failed checks in a row of a baking release, as the watch counts them (shared by every instance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bakeFailures(String deploymentId, int failures) {
        ReleaseEntity.update("bakeFailures = ?1 where deploymentId = ?2 and bakeVerdict is null", failures,
                deploymentId);
    }

    /** The live release of every environment that has one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReleaseEntity> liveReleases() {
        return ReleaseEntity.list("live = true");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ReleaseEntity> live(String projectId, String environment) {
        return Optional.ofNullable(ReleaseEntity.live(projectId, environment));
    }

    public static ReleaseEntity release(String projectId, String environment, String deploymentId, String artifactId,
            String deploymentUrl, String environmentUrl, String previous, long position, Instant at) {
        ReleaseEntity r = new ReleaseEntity();
        r.deploymentId = deploymentId;
        r.projectId = projectId;
        r.environment = environment;
        r.artifactId = artifactId;
        r.deploymentUrl = deploymentUrl;
        r.environmentUrl = environmentUrl;
        r.previousDeploymentId = previous;
        r.position = position;
        r.activatedAt = at;
        return r;
    }
}
