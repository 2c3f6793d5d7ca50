package dev.shiplog.deployment.repository;

import dev.shiplog.deployment.domain.request.Idempotency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/**
 * The deployment each idempotency key of a project stands for. {@link #claim} inserts the key or waits for the
 * transaction that holds it (a row lock), so that one request at a time decides what a key means; the caller keeps
 * its transaction open while it writes the request to the log.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the key for {@code deploymentId} if nobody holds it; otherwise locks it (waiting for a request that holds
     * it to end) and says what it stands for. Null: taken now, for this request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Idempotency.Held claim(String projectId, String key, String fingerprint, String deploymentId,
            Duration window) {
        int taken = entityManager.createNativeQuery("insert into idempotency_key (project_id, key, fingerprint,"
                + " deployment_id, created_at, published) values (?1, ?2, ?3, ?4, now(), false) on conflict do nothing")
                .setParameter(1, projectId).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, deploymentId).executeUpdate();
        if (taken == 1) {
            return null;
        }
        List<?> rows = entityManager.createNativeQuery("select fingerprint, deployment_id, published,"
                + " created_at < now() - make_interval(secs => ?3) from idempotency_key where project_id = ?1"
                + " and key = ?2 for update").setParameter(1, projectId).setParameter(2, key)
                .setParameter(3, (double) window.toSeconds()).getResultList();
        Object[] row = (Object[]) rows.get(0);
        return new Idempotency.Held((String) row[0], (String) row[1], (Boolean) row[2], (Boolean) row[3]);
    }

    /** The key, expired, now stands for a new request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renew(String projectId, String key, String fingerprint, String deploymentId) {
        entityManager.createNativeQuery("update idempotency_key set fingerprint = ?3, deployment_id = ?4,"
                + " created_at = now(), published = false where project_id = ?1 and key = ?2")
                .setParameter(1, projectId).setParameter(2, key).setParameter(3, fingerprint)
                .setParameter(4, deploymentId).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(String projectId, String key) {
        entityManager.createNativeQuery("update idempotency_key set published = true where project_id = ?1"
                + " and key = ?2").setParameter(1, projectId).setParameter(2, key).executeUpdate();
    }

    /** Forgets keys older than the window. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetOlderThan(Duration window) {
        return entityManager.createNativeQuery("delete from idempotency_key where created_at < now()"
                + " - make_interval(secs => ?1)").setParameter(1, (double) window.toSeconds()).executeUpdate();
    }
}
