package dev.shiplog.pipeline.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The release history of every environment, from the log. */
@ApplicationScoped
public class ReleaseStore {

    /** A release went live: recorded once, and the one it replaced is marked so. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void activated(ReleaseEntity release) {
        if (ReleaseEntity.findById(release.deploymentId) != null) {
            return; // the same activation seen again
        }
        ReleaseEntity previous = ReleaseEntity.live(release.projectId, release.environment);
        if (previous != null) {
            previous.replacedBy = release.deploymentId;
            previous.replacedAt = release.activatedAt;
        }
        release.persist();
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
        release.withdrawn = true;
        ReleaseEntity.update("replacedBy = null, replacedAt = null where replacedBy = ?1", deploymentId);
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReleaseEntity> environmentsWithReleases() {
        return ReleaseEntity.list("select r from ReleaseEntity r where r.withdrawn = false and r.position = (select"
                + " max(o.position) from ReleaseEntity o where o.projectId = r.projectId and o.environment ="
                + " r.environment and o.withdrawn = false)");
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
