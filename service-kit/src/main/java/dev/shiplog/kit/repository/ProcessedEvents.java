package dev.shiplog.kit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Exactly-once in effect for projections: an event id is recorded in the same transaction as the change it causes,
 * and an event seen again is skipped. Each service's migrations create the {@code processed_event} table.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records {@code eventId} for {@code consumer}; false if it was already processed (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        int inserted = entityManager.createNativeQuery(
                "insert into processed_event (consumer, event_id, processed_at) values (?1, ?2, now())"
                        + " on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
