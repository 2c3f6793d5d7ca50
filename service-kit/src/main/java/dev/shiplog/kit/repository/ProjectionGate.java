package dev.shiplog.kit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets a projection be switched for a rebuilt one without losing an event: every transaction that applies an event
 * holds this service's gate shared (a PostgreSQL transaction-level advisory lock, so it covers every instance of
 * the service); the switch holds it exclusively, so no event is half-applied to the old tables while they are
 * swapped for the new ones.
 */
@ApplicationScoped
public class ProjectionGate {

    private final EntityManager entityManager;
    private final long key;

    public ProjectionGate(EntityManager entityManager, @ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        this.entityManager = entityManager;
        this.key = key(schema);
    }

    /** The gate of the projection in {@code schema}: one 64-bit advisory lock key per schema name. */
    public static long key(String schema) {
        return 0x5348_4950_0000_0000L | (schema.hashCode() & 0xffff_ffffL);
    }

    /** Holds the gate shared until the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enter() {
        entityManager.createNativeQuery("select pg_advisory_xact_lock_shared(?1)").setParameter(1, key)
                .getSingleResult();
    }

    public long key() {
        return key;
    }
}
