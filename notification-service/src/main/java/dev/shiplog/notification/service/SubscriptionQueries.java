package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.notification.domain.DeliveryView;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.SubscriptionEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads of subscriptions and their deliveries, for the project's maintainers (a subscription's URL may hold a chat
 * service's token; its secret is never shown to anyone).
 */
@ApplicationScoped
public class SubscriptionQueries {

    static final List<String> STATES = List.of(DeliveryView.PENDING, DeliveryView.SENDING, DeliveryView.DELIVERED,
            DeliveryView.DEAD);

    private final AccessGuard access;
    private final Subscriptions subscriptions;
    private final DeliveryStore deliveries;

    public SubscriptionQueries(AccessGuard access, Subscriptions subscriptions, DeliveryStore deliveries) {
        this.access = access;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    public List<Subscription> list(Caller caller, String projectId) {
        SubscriptionCommands.checkProject(projectId);
        access.authorize(caller, projectId, Role.MAINTAINER, "reading notification subscriptions");
        return QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.ofProject(projectId).stream()
                .map(subscriptions::toDomain).toList());
    }

    public Subscription get(Caller caller, String projectId, String id) {
        SubscriptionCommands.checkProject(projectId);
        SubscriptionCommands.uuid("subscriptionId", id);
        access.authorize(caller, projectId, Role.MAINTAINER, "reading notification subscriptions");
        SubscriptionEntity row = QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.findById(id));
        if (row == null || !row.projectId.equals(projectId)) {
            throw new NotFoundException("No subscription " + id + " in project " + projectId);
        }
        return subscriptions.toDomain(row);
    }

    /** A subscription's deliveries, newest first, with every attempt; {@code state} narrows them. */
    public List<DeliveryView> deliveries(Caller caller, String projectId, String id, String state, int page,
            int size) {
        get(caller, projectId, id);
        if (state != null && !STATES.contains(state)) {
            throw new InvalidInputException("state", "must be one of " + String.join(", ", STATES));
        }
        return QuarkusTransaction.requiringNew().call(() -> deliveries.list(id, state, page, size));
    }
}
