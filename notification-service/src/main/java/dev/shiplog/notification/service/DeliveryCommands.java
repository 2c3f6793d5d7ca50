package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.notification.repository.DeliveryStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** A dead-lettered delivery sent again by hand, by a maintainer of the project, with a fresh budget of attempts. */
@ApplicationScoped
public class DeliveryCommands {

    private final AccessGuard access;
    private final SubscriptionLookup lookup;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;

    public DeliveryCommands(AccessGuard access, SubscriptionLookup lookup, DeliveryStore deliveries,
            DeliveryDispatcher dispatcher) {
        this.access = access;
        this.lookup = lookup;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
    }

    public void resend(String projectId, String subscriptionId, String deliveryId, Caller caller) {
        lookup.existing(projectId, subscriptionId);
        access.require(caller, projectId, Role.MAINTAINER, "subscription.resend", null, subscriptionId,
                "re-sending a delivery");
        UUID id = Inputs.uuid("deliveryId", deliveryId);
        boolean resent = QuarkusTransaction.requiringNew().call(() -> {
            if (!deliveries.exists(subscriptionId, id)) {
                throw new NotFoundException("No delivery " + deliveryId + " of subscription " + subscriptionId);
            }
            return deliveries.resend(subscriptionId, id);
        });
        if (!resent) {
            throw new ConflictException("deliveryId", "only a dead-lettered delivery is sent again by hand");
        }
        dispatcher.wake();
    }
}
