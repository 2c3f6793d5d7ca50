package dev.shiplog.pipeline.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The per-project version of each distinct artifact. The upload stage assigns it (one project at a time, so two
 * deployments storing new artifacts at once get 4 and 5, and two storing the same one both get 4); the projection
 * records what ArtifactStored says, so a rebuild from the log gives the same numbers.
 */
@ApplicationScoped
public class ArtifactVersions {

    private final EntityManager entityManager;
    private final dev.shiplog.kit.repository.ProjectionGate gate;

    public ArtifactVersions(EntityManager entityManager, dev.shiplog.kit.repository.ProjectionGate gate) {
        this.entityManager = entityManager;
        this.gate = gate;
    }

    /** The version of {@code artifactId} in {@code projectId}: its own if known, else the next one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int assign(String projectId, String artifactId, long sizeBytes, Instant at) {
        gate.enter();
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1,
                "artifact-version:" + projectId).getSingleResult();
        entityManager.createNativeQuery("insert into artifact (project_id, artifact_id, version, size_bytes, created_at)"
                + " select ?1, ?2, coalesce(max(version), 0) + 1, ?3, ?4 from artifact where project_id = ?1"
                + " on conflict (project_id, artifact_id) do update set version = coalesce(artifact.version,"
                + " excluded.version), size_bytes = coalesce(artifact.size_bytes, excluded.size_bytes), created_at ="
                + " coalesce(artifact.created_at, excluded.created_at)").setParameter(1, projectId).setParameter(2, artifactId)
                .setParameter(3, sizeBytes).setParameter(4, at).executeUpdate();
        return ((Number) entityManager.createNativeQuery(
                "select version from artifact where project_id = ?1 and artifact_id = ?2").setParameter(1, projectId)
                .setParameter(2, artifactId).getSingleResult()).intValue();
    }

    /** What ArtifactStored says, recorded once (filling in a row its ArtifactDeleted, read first, left). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stored(String projectId, String artifactId, int version, long sizeBytes, Instant at) {
        entityManager.createNativeQuery("insert into artifact (project_id, artifact_id, version, size_bytes, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (project_id, artifact_id) do update set version ="
                + " coalesce(artifact.version, excluded.version), size_bytes = coalesce(artifact.size_bytes,"
                + " excluded.size_bytes), created_at = coalesce(artifact.created_at, excluded.created_at)").setParameter(1, projectId)
                .setParameter(2, artifactId).setParameter(3, version).setParameter(4, sizeBytes).setParameter(5, at)
                .executeUpdate();
    }
}
