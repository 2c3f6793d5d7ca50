package dev.shiplog.kit.repository;

import dev.shiplog.kit.messaging.LogPosition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * How far each consumer has applied the log, per partition ({@code projection_position}, in every service's schema),
 * moved in the same transaction as the change an event makes: so a read can wait until the projection it reads has
 * applied a given event (read your writes, over the log), without any state written outside the log.
 */
@ApplicationScoped
public class ProjectionPositions {

    private final EntityManager em;

    public ProjectionPositions(EntityManager em) {
        this.em = em;
    }

    /** {@code consumer} has applied (or skipped) everything up to {@code position}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(String consumer, LogPosition position) {
        em.createNativeQuery("insert into projection_position (consumer, topic, partition_id, applied_offset)"
                + " values (?1, ?2, ?3, ?4) on conflict (consumer, topic, partition_id) do update set applied_offset ="
                + " greatest(projection_position.applied_offset, excluded.applied_offset)")
                .setParameter(1, consumer).setParameter(2, position.topic()).setParameter(3, position.partition())
                .setParameter(4, position.offset()).executeUpdate();
    }

    /** Whether {@code consumer} has applied the event at {@code position}. */
    public boolean reached(String consumer, LogPosition position) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery("select 1 from projection_position"
                + " where consumer = ?1 and topic = ?2 and partition_id = ?3 and applied_offset >= ?4")
                .setParameter(1, consumer).setParameter(2, position.topic()).setParameter(3, position.partition())
                .setParameter(4, position.offset()).getResultList().isEmpty());
    }

    /**
     * Waits until {@code consumer} has applied the event at {@code position}, at most {@code bound}; true if it has.
     * (Polls this service's own table: the consumer is another thread, maybe another instance.)
     */
    public boolean await(String consumer, LogPosition position, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        while (!reached(consumer, position)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(10); // polling the projection's progress, under a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
