package dev.shiplog.kit.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/** The {@code outbox} table of the service's schema (service-kit's migration {@code V0.4}). */
@ApplicationScoped
public class OutboxStore {

    /** One event waiting in the outbox. */
    public record Row(long id, String channel, String key, String eventId, String type, byte[] payload,
            Integer partition, Long logEnd) {
    }

    private final EntityManager em;

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long insert(String channel, String key, String eventId, String type, byte[] payload, Integer partition,
            Long logEnd) {
        return ((Number) em.createNativeQuery("insert into outbox (channel, record_key, event_id, event_type, payload,"
                + " log_partition, log_end) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) returning id").setParameter(1, channel)
                .setParameter(2, key).setParameter(3, eventId).setParameter(4, type).setParameter(5, payload)
                .setParameter(6, partition).setParameter(7, logEnd).getSingleResult()).longValue();
    }

    /** Holds the key's relay lock until the transaction ends (one relay per key at a time, on every instance). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, lockKey(key)).getSingleResult();
    }

    static long lockKey(String key) {
        return 0x4F55_5442_0000_0000L | (key.hashCode() & 0xffff_ffffL); // "OUTB" and the key's hash
    }

    /** The key's waiting events, in the order they were decided. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Row> rows(String key) {
        List<?> rows = em.createNativeQuery("select id, channel, record_key, event_id, event_type, payload,"
                + " log_partition, log_end from outbox where record_key = ?1 order by id").setParameter(1, key)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new Row(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], (String) r[3], (String) r[4], (byte[]) r[5],
                r[6] == null ? null : ((Number) r[6]).intValue(), r[7] == null ? null : ((Number) r[7]).longValue()))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void whereOnTheLog(long id, int partition, long logEnd) {
        em.createNativeQuery("update outbox set log_partition = ?2, log_end = ?3 where id = ?1").setParameter(1, id)
                .setParameter(2, partition).setParameter(3, logEnd).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNativeQuery("delete from outbox where id = any(?1)").setParameter(1, ids.toArray(Long[]::new))
                    .executeUpdate();
        }
    }

    /** Keys with events waiting longer than {@code age}: their relay did not happen (a crash, an outage). */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<String> keysWaitingLongerThan(Duration age) {
        return em.createNativeQuery("select distinct record_key from outbox where created_at < now() - make_interval("
                + "secs => ?1) limit 1000").setParameter(1, age.toMillis() / 1000.0).getResultList();
    }

    /** Whether the key has events waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean waiting(String key) {
        return !em.createNativeQuery("select 1 from outbox where record_key = ?1 limit 1").setParameter(1, key)
                .getResultList().isEmpty();
    }
}
