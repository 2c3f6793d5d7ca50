package dev.shiplog.pipeline.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The heartbeats of the worker instances, in database time, so instances' clocks need not agree. */
@ApplicationScoped
public class InstanceStore {

    private final EntityManager entityManager;

    public InstanceStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void beat(String id, String host, long pid) {
        entityManager.createNativeQuery("insert into worker_instance (id, host, pid, started_at, heartbeat_at)"
                + " values (?1, ?2, ?3, now(), now()) on conflict (id) do update set heartbeat_at = now()")
                .setParameter(1, id).setParameter(2, host).setParameter(3, pid).executeUpdate();
    }

    /** An instance that stops says so: what it ran is adopted at once, not after the silence. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leave(String id) {
        WorkerInstanceEntity.deleteById(id);
        entityManager.createNativeQuery("delete from worker_instance where heartbeat_at < now() - interval '1 day'")
                .executeUpdate();
    }
}
