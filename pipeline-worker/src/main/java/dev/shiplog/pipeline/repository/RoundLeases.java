package dev.shiplog.pipeline.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;

/**
 * Rounds of work that one instance does at a time (the live health checks, the bake watch): the instance that
 * holds a round's lease does it, until the lease runs out unrenewed (the instance stopped). Taken in a short
 * transaction of its own, so nothing is held open while the round does its HTTP probes. Database time, so the
 * instances' clocks need not agree.
 */
@ApplicationScoped
public class RoundLeases {

    private final EntityManager em;

    public RoundLeases(EntityManager em) {
        this.em = em;
    }

    /** Takes or renews the lease of round {@code name} for {@code holder} for {@code length}: true if it holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean take(String name, String holder, Duration length) {
        return em.createNativeQuery("insert into round_lease (name, holder, until) values (?1, ?2, now() +"
                + " make_interval(secs => ?3)) on conflict (name) do update set holder = excluded.holder, until ="
                + " excluded.until where round_lease.holder = excluded.holder or round_lease.until < now()")
                .setParameter(1, name).setParameter(2, holder).setParameter(3, length.toMillis() / 1000.0)
                .executeUpdate() == 1;
    }
}
