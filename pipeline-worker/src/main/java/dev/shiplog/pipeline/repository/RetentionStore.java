package dev.shiplog.pipeline.repository;

import dev.shiplog.pipeline.domain.retention.Retention;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each project's retention policy and what retention let go, from the log (RetentionPolicySet, ArtifactDeleted); and
 * what a cleanup needs to decide: the project's artifacts, its release histories, the artifacts deployments on
 * their way use.
 */
@ApplicationScoped
public class RetentionStore {

    private final EntityManager em;

    public RetentionStore(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void policySet(String projectId, int keepLast, Integer keepDays) {
        em.createNativeQuery("insert into retention_policy (project_id, keep_last, keep_days) values (?1, ?2, ?3)"
                + " on conflict (project_id) do update set keep_last = excluded.keep_last, keep_days ="
                + " excluded.keep_days").setParameter(1, projectId).setParameter(2, keepLast)
                .setParameter(3, keepDays).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(String projectId, String artifactId, Instant at) {
        // ArtifactDeleted (keyed by project) and ArtifactStored (keyed by environment) are on different partitions: a
        // replay may read the deletion first, so it is recorded whether or not the artifact's row is there yet, and
        // the earliest deletion wins whatever the order
        em.createNativeQuery("insert into artifact (project_id, artifact_id, deleted_at) values (?1, ?2, ?3)"
                + " on conflict (project_id, artifact_id) do update set deleted_at = least(artifact.deleted_at,"
                + " excluded.deleted_at)").setParameter(1, projectId).setParameter(2, artifactId)
                .setParameter(3, Timestamp.from(at)).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Retention.Policy> policy(String projectId) {
        List<?> rows = em.createNativeQuery("select keep_last, keep_days from retention_policy where project_id = ?1")
                .setParameter(1, projectId).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Retention.Policy(((Number) r[0]).intValue(),
                r[1] == null ? null : ((Number) r[1]).intValue())).findFirst();
    }

    /** Projects that have artifacts in the store. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<String> projects() {
        return em.createNativeQuery("select distinct project_id from artifact where deleted_at is null order by 1")
                .getResultList();
    }

    /** The project's artifacts still kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Retention.Artifact> artifacts(String projectId) {
        return ArtifactEntity.<ArtifactEntity>list("projectId = ?1 and deletedAt is null order by version", projectId)
                .stream()
                .map(a -> new Retention.Artifact(a.artifactId, a.createdAt)).toList();
    }

    /** Every release of the project's environments that went live (withdrawn ones excluded). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Retention.Release> releases(String projectId) {
        return ReleaseEntity.<ReleaseEntity>list("projectId = ?1 and withdrawn = false", projectId).stream()
                .map(r -> new Retention.Release(r.environment, r.deploymentId, r.artifactId, r.position)).toList();
    }

    /** Artifacts that deployments not over yet will activate (rollbacks and promotions). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> inUse(String projectId) {
        return new HashSet<>(LaneEntryEntity.<LaneEntryEntity>list("projectId = ?1 and state <> 'finished' and"
                + " artifactId is not null", projectId).stream().map(e -> e.artifactId).toList());
    }

    /** Whether another project still keeps the artifact (the store is content-addressed: one file for both). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean keptElsewhere(String projectId, String artifactId) {
        return ArtifactEntity.count("artifactId = ?1 and projectId <> ?2 and deletedAt is null", artifactId,
                projectId) > 0;
    }

    /** The project's releases using the artifact that are not live (their unpacked copies may go too). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> releasesOf(String projectId, String artifactId) {
        return ReleaseEntity.<ReleaseEntity>list("projectId = ?1 and artifactId = ?2 and live = false", projectId,
                artifactId).stream().map(r -> r.deploymentId).toList();
    }

    /** Tries to take the cleanup of the project for this transaction: false if another instance has it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean takeCleanup(String projectId) {
        return Boolean.TRUE.equals(em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "artifact-cleanup:" + projectId).getSingleResult());
    }
}
