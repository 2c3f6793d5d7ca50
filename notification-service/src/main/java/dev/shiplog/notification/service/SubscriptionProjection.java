package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.SubscriptionStore;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.schema.notification.SubscriptionDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The subscriptions, from {@code shiplog.notification.events} (keyed by subscription: each one's story in order).
 * A subscription never moves to another project; a deleted subscription's row goes, and so does what it had not
 * received yet.
 */
@ApplicationScoped
public class SubscriptionProjection implements Projection {

    public static final String CONSUMER = "notification-service.subscriptions";

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;

    public SubscriptionProjection(SubscriptionStore subscriptions, DeliveryStore deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.NOTIFICATION_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        if (delivery.event() instanceof SubscriptionConfigured e) {
            subscriptions.save(SubscriptionState.of(e, delivery.occurredAt()));
        } else if (delivery.event() instanceof SubscriptionDeleted e) {
            if (subscriptions.delete(e.getSubscriptionId(), e.getProjectId()) && !delivery.replay()) {
                deliveries.dropUndelivered(e.getSubscriptionId());
            }
        }
    }
}
