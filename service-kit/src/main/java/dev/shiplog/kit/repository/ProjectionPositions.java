package dev.shiplog.kit.repository;

import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.tx.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How far each consumer has applied the log, per partition ({@code projection_position}, in every service's schema),
 * moved in the same transaction as the change an event makes: so a read can wait until the projection it reads has
 * applied a given event (read your writes, over the log), without any state written outside the log. A waiter is
 * woken as soon as a consumer of this instance has committed a move (the usual case: the gateway reads its own
 * projection); one that waits for another instance's consumer looks again every {@link #LOOK_AGAIN}.
 */
@ApplicationScoped
public class ProjectionPositions {

    static final Duration LOOK_AGAIN = Duration.ofMillis(200);

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Object moved = new Object();
    /** Moves committed by this instance's consumers so far (read and changed holding {@link #moved}). */
    private long moves;

    public ProjectionPositions(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    /** {@code consumer} has applied (or skipped) everything up to {@code position}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(String consumer, LogPosition position) {
        em.createNativeQuery("insert into projection_position (consumer, topic, partition_id, applied_offset)"
                + " values (?1, ?2, ?3, ?4) on conflict (consumer, topic, partition_id) do update set applied_offset ="
                + " greatest(projection_position.applied_offset, excluded.applied_offset)")
                .setParameter(1, consumer).setParameter(2, position.topic()).setParameter(3, position.partition())
                .setParameter(4, position.offset()).executeUpdate();
        if (transactions != null) {
            AfterCommit.run(transactions, () -> {
                synchronized (moved) {
                    moves++;
                    moved.notifyAll();
                }
            });
        }
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
     * Woken by this instance's consumers' commits; looks again every {@link #LOOK_AGAIN} for another instance's.
     */
    public boolean await(String consumer, LogPosition position, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            long before;
            synchronized (moved) {
                before = moves;
            }
            if (reached(consumer, position)) {
                return true;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative()) {
                return false;
            }
            synchronized (moved) {
                try {
                    if (moves == before) { // nothing committed since the look: wait for the next one
                        moved.wait(Math.max(1, Math.min(left.toMillis(), LOOK_AGAIN.toMillis())));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * Waits until {@code follower} has applied everything {@code leader} had applied when this was called, on every
     * partition of the topics both read, at most {@code bound}; true if it has. Two projections of one service fed by
     * the same topic (two consumer groups) each move at their own pace: what one shows a caller, the other may not
     * have applied yet, and a decision read from the second must not contradict what the first showed.
     */
    public boolean catchUp(String follower, String leader, Duration bound) {
        Instant deadline = Instant.now().plus(bound);
        for (LogPosition position : shared(leader, follower)) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !await(follower, position, left)) {
                return false;
            }
        }
        return true;
    }

    /** Where {@code consumer} stands on each partition of the topics {@code other} reads too. */
    @SuppressWarnings("unchecked")
    List<LogPosition> shared(String consumer, String other) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select topic,"
                + " partition_id, applied_offset from projection_position where consumer = ?1 and topic in"
                + " (select topic from projection_position where consumer = ?2)")
                .setParameter(1, consumer).setParameter(2, other).getResultList());
        return rows.stream().map(r -> new LogPosition((String) r[0], ((Number) r[1]).intValue(),
                ((Number) r[2]).longValue())).toList();
    }
}
