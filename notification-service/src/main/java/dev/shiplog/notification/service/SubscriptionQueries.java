package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.notification.domain.DeliveryView;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.domain.delivery.DeliveryState;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.SubscriptionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads of subscriptions and their deliveries, for the project's maintainers (a subscription's URL may hold a chat
 * service's token; its secret is never shown to anyone).
 */
@ApplicationScoped
public class SubscriptionQueries {

    private final AccessGuard access;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;

    public SubscriptionQueries(AccessGuard access, SubscriptionStore subscriptions, DeliveryStore deliveries) {
        this.access = access;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    public List<Subscription> list(Caller caller, String projectId) {
        Inputs.project(projectId);
        access.authorize(caller, projectId, Role.MAINTAINER, "reading notification subscriptions");
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.ofProject(projectId));
    }

    public Subscription get(Caller caller, String projectId, String id) {
        Inputs.project(projectId);
        Inputs.uuid("subscriptionId", id);
        access.authorize(caller, projectId, Role.MAINTAINER, "reading notification subscriptions");
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.find(id))
                .map(SubscriptionState::subscription).filter(s -> s.projectId().equals(projectId))
                .orElseThrow(() -> new NotFoundException("No subscription " + id + " in project " + projectId));
    }

    /** A subscription's deliveries, newest first, with every attempt; {@code state} narrows them. */
    public List<DeliveryView> deliveries(Caller caller, String projectId, String id, String state, int page,
            int size) {
        get(caller, projectId, id);
        if (state != null && !DeliveryState.ALL.contains(state)) {
            throw new InvalidInputException("state", "must be one of " + String.join(", ", DeliveryState.ALL));
        }
        return QuarkusTransaction.requiringNew().call(() -> deliveries.list(id, state, page, size));
    }
}
