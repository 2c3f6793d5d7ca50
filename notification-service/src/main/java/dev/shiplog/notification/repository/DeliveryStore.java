package dev.shiplog.notification.repository;

import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.notification.domain.DeliveryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The deliveries: queued with the notification they carry (same transaction), claimed by a dispatcher one at a time
 * per subscription (the oldest unfinished one first, so a subscription's receiver sees them in order), leased while
 * in flight, and recorded attempt by attempt. A lease that runs out (its instance died) makes the delivery due again.
 * Every write takes the projection's gate (shared), so a rebuild's carry-over sees them whole.
 */
@ApplicationScoped
public class DeliveryStore {

    private final EntityManager em;
    private final ProjectionGate gate;

    public DeliveryStore(EntityManager em, ProjectionGate gate) {
        this.em = em;
        this.gate = gate;
    }

    /** The delivery of one notification to one subscription: the same id whoever queues it. */
    public static UUID id(String notificationId, String subscriptionId) {
        return UUID.nameUUIDFromBytes(("delivery:" + notificationId + ":" + subscriptionId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String notificationId, String subscriptionId) {
        em.createNativeQuery("insert into delivery (id, subscription_id, notification_id, state, attempts,"
                + " next_attempt_at, created_at) values (?1, ?2, ?3, 'pending', 0, now(), now()) on conflict do nothing")
                .setParameter(1, id(notificationId, subscriptionId)).setParameter(2, subscriptionId)
                .setParameter(3, UUID.fromString(notificationId)).executeUpdate();
    }

    /** A delivery claimed for one attempt. */
    /** {@code sinceResend}: the attempts made since it was last queued again by hand, this one included. */
    public record Claimed(UUID id, String subscriptionId, UUID notificationId, int attempt, int sinceResend) {
    }

    /**
     * Claims up to {@code limit} due deliveries, each the head of its subscription's queue, for {@code leaseMillis};
     * another instance skips what this one holds.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Claimed> claim(int limit, long leaseMillis) {
        gate.enter();
        List<Object[]> rows = em.createNativeQuery("with head as (select distinct on (d.subscription_id) d.id,"
                + " d.state, d.next_attempt_at, d.lease_until from delivery d join subscription s on s.id ="
                + " d.subscription_id and not s.paused where d.state in ('pending', 'sending') order by d.subscription_id,"
                + " d.seq), due as (select d.id from delivery d join head h on h.id = d.id where (h.state = 'pending'"
                + " and h.next_attempt_at <= now()) or (h.state = 'sending' and h.lease_until < now())"
                + " order by h.next_attempt_at limit ?1 for update of d skip locked)"
                + " update delivery set state = 'sending', attempts = attempts + 1, lease_until = now()"
                + " + cast(?2 as double precision) * interval '1 millisecond' from due where delivery.id = due.id"
                + " returning delivery.id, delivery.subscription_id, delivery.notification_id, delivery.attempts,"
                + " delivery.attempts - delivery.resent_after")
                .setParameter(1, limit).setParameter(2, leaseMillis).getResultList();
        return rows.stream().map(r -> new Claimed((UUID) r[0], (String) r[1], (UUID) r[2],
                ((Number) r[3]).intValue(), ((Number) r[4]).intValue())).toList();
    }

    /** How one attempt went, and what becomes of the delivery; nothing if the claim was lost meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Claimed claimed, Instant startedAt, int latencyMs, Integer status, String error,
            String state, Instant nextAttemptAt) {
        gate.enter();
        int updated = em.createNativeQuery("update delivery set state = cast(?3 as varchar), next_attempt_at ="
                + " coalesce(cast(?4 as timestamptz), next_attempt_at), lease_until = null, last_status = cast(?5 as"
                + " integer), last_error = cast(?6 as text), delivered_at = case when cast(?3 as varchar) = 'delivered'"
                + " then now() else delivered_at end where id = ?1 and attempts = ?2 and state = 'sending'")
                .setParameter(1, claimed.id()).setParameter(2, claimed.attempt()).setParameter(3, state)
                .setParameter(4, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt))
                .setParameter(5, status).setParameter(6, error).executeUpdate();
        if (updated == 1) {
            em.createNativeQuery("insert into delivery_attempt (delivery_id, attempt, started_at, latency_ms,"
                    + " status_code, error) values (?1, ?2, ?3, ?4, cast(?5 as integer), cast(?6 as text)) on conflict do"
                    + " nothing")
                    .setParameter(1, claimed.id()).setParameter(2, claimed.attempt())
                    .setParameter(3, Timestamp.from(startedAt)).setParameter(4, latencyMs).setParameter(5, status)
                    .setParameter(6, error).executeUpdate();
        }
    }

    /** A dead delivery queued again by hand: true if it was dead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean resend(String subscriptionId, UUID id) {
        gate.enter();
        return em.createNativeQuery("update delivery set state = 'pending', next_attempt_at = now(), resent_after ="
                + " attempts where id = ?1 and subscription_id = ?2 and state = 'dead'").setParameter(1, id)
                .setParameter(2, subscriptionId).executeUpdate() == 1;
    }

    /** A deleted subscription: what it had not received is dropped (what it received stays listed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropUndelivered(String subscriptionId) {
        em.createNativeQuery("delete from delivery where subscription_id = ?1 and state <> 'delivered'")
                .setParameter(1, subscriptionId).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean exists(String subscriptionId, UUID id) {
        return ((Number) em.createNativeQuery("select count(*) from delivery where id = ?1 and subscription_id = ?2")
                .setParameter(1, id).setParameter(2, subscriptionId).getSingleResult()).longValue() > 0;
    }

    /** A subscription's deliveries, newest first, with their attempts; {@code state} null: all. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<DeliveryView> list(String subscriptionId, String state, int page, int size) {
        List<Object[]> rows = em.createNativeQuery("select d.id, d.notification_id, n.kind, n.title, d.state,"
                + " d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.delivered_at from delivery"
                + " d left join notification n on n.id = d.notification_id where d.subscription_id = ?1 and (?2 = ''"
                + " or d.state = ?2) order by d.seq desc offset ?3 limit ?4")
                .setParameter(1, subscriptionId).setParameter(2, state == null ? "" : state)
                .setParameter(3, page * size).setParameter(4, size).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        List<Object[]> attempts = em.createNativeQuery("select delivery_id, attempt, started_at, latency_ms,"
                + " status_code, error from delivery_attempt where delivery_id in (?1) order by attempt")
                .setParameter(1, ids).getResultList();
        Map<UUID, List<DeliveryView.Attempt>> byDelivery = attempts.stream().collect(Collectors.groupingBy(
                a -> (UUID) a[0], Collectors.mapping(a -> new DeliveryView.Attempt(((Number) a[1]).intValue(),
                        instant(a[2]), ((Number) a[3]).intValue(), a[4] == null ? null : ((Number) a[4]).intValue(),
                        (String) a[5]), Collectors.toList())));
        List<DeliveryView> out = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            out.add(new DeliveryView(id.toString(), subscriptionId, r[1].toString(), (String) r[2], (String) r[3],
                    (String) r[4], ((Number) r[5]).intValue(), instant(r[6]),
                    r[7] == null ? null : ((Number) r[7]).intValue(), (String) r[8], instant(r[9]), instant(r[10]),
                    byDelivery.getOrDefault(id, List.of())));
        }
        return out;
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalArgumentException("not a time: " + value.getClass());
    }
}
