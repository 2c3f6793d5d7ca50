package dev.shiplog.deployment.repository;

import dev.shiplog.deployment.domain.ReleasePage.Pin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the releases view needs besides the releases: which environments are pinned (and by what), which artifacts
 * retention let go, each project's retention policy. All from the log.
 */
@ApplicationScoped
public class ReleaseFacts {

    /** A project's retention policy as it was set, by whom and when. */
    public record Policy(int keepLast, Integer keepDays, String setBy, Instant setAt) {
    }

    private final EntityManager em;

    public ReleaseFacts(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Pin> pin(String projectId, String environment) {
        List<?> rows = em.createNativeQuery("select rollback_deployment_id, reason, pinned_by, pinned_at from"
                + " environment_pin where project_id = ?1 and environment = ?2").setParameter(1, projectId)
                .setParameter(2, environment).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Pin((String) r[0], (String) r[1], (String) r[2],
                instant(r[3]))).findFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void pinned(String projectId, String environment, Pin pin) {
        em.createNativeQuery("insert into environment_pin (project_id, environment, rollback_deployment_id, reason,"
                + " pinned_by, pinned_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (project_id, environment) do"
                + " update set rollback_deployment_id = excluded.rollback_deployment_id, reason = excluded.reason,"
                + " pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at").setParameter(1, projectId)
                .setParameter(2, environment).setParameter(3, pin.rollbackDeploymentId()).setParameter(4, pin.reason())
                .setParameter(5, pin.by()).setParameter(6, Timestamp.from(pin.at())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void unpinned(String projectId, String environment) {
        em.createNativeQuery("delete from environment_pin where project_id = ?1 and environment = ?2")
                .setParameter(1, projectId).setParameter(2, environment).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void artifactDeleted(String projectId, String artifactId, Instant at, String reason) {
        em.createNativeQuery("insert into deleted_artifact (project_id, artifact_id, deleted_at, reason) values (?1,"
                + " ?2, ?3, ?4) on conflict do nothing").setParameter(1, projectId).setParameter(2, artifactId)
                .setParameter(3, Timestamp.from(at)).setParameter(4, reason).executeUpdate();
    }

    /** When retention let the project's artifact go, if it did. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> deletedAt(String projectId, String artifactId) {
        List<?> rows = em.createNativeQuery("select deleted_at from deleted_artifact where project_id = ?1 and"
                + " artifact_id = ?2").setParameter(1, projectId).setParameter(2, artifactId).getResultList();
        return rows.stream().findFirst().map(ReleaseFacts::instant);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void policySet(String projectId, Policy policy) {
        em.createNativeQuery("insert into retention_policy (project_id, keep_last, keep_days, set_by, set_at) values"
                + " (?1, ?2, ?3, ?4, ?5) on conflict (project_id) do update set keep_last = excluded.keep_last,"
                + " keep_days = excluded.keep_days, set_by = excluded.set_by, set_at = excluded.set_at")
                .setParameter(1, projectId).setParameter(2, policy.keepLast()).setParameter(3, policy.keepDays())
                .setParameter(4, policy.setBy()).setParameter(5, Timestamp.from(policy.setAt())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Policy> policy(String projectId) {
        List<?> rows = em.createNativeQuery("select keep_last, keep_days, set_by, set_at from retention_policy where"
                + " project_id = ?1").setParameter(1, projectId).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Policy(((Number) r[0]).intValue(),
                r[1] == null ? null : ((Number) r[1]).intValue(), (String) r[2], instant(r[3]))).findFirst();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
