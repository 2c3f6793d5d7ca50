package dev.shiplog.notification.service;

import dev.shiplog.notification.channel.SendResult;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.delivery.Attempts;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.kit.messaging.Outages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Records an attempt and what becomes of its delivery, before the next is considered. The database away for a moment
 * is waited out while the claim's lease holds; past it, the attempt is left unrecorded and the delivery goes again
 * when its lease runs out (the same delivery id: receivers drop it).
 */
@ApplicationScoped
public class DeliveryRecords {

    private static final Logger LOG = Logger.getLogger(DeliveryRecords.class);

    private final DeliveryStore store;
    private final Duration lease;

    public DeliveryRecords(DeliveryStore store, NotificationServiceConfig config) {
        this.store = store;
        this.lease = Attempts.lease(config.delivery().timeout());
    }

    void record(DeliveryStore.Claimed c, Instant started, SendResult result, Attempts.Next next) {
        try {
            // the database away for a moment: tried again before the lease runs out
            Outages.rideOut(lease, () -> {
                QuarkusTransaction.requiringNew().run(() -> store.record(c, started, result.latencyMs(),
                        result.status(), result.error(), next.state(), next.dueAt()));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf("delivery %s: its attempt %d (%s) could not be recorded (%s); its lease runs out and it is sent"
                    + " again", c.id(), c.attempt(), next.state(), e.toString());
        }
    }
}
