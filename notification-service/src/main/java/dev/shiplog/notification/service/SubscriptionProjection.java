package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.SubscriptionEntity;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.schema.notification.SubscriptionDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The subscriptions, from {@code shiplog.notification.events} (keyed by subscription: each one's story in order).
 * A deleted subscription's row goes, and so does what it had not received yet.
 */
@ApplicationScoped
public class SubscriptionProjection implements Projection {

    public static final String CONSUMER = "notification-service.subscriptions";

    private final Subscriptions subscriptions;
    private final DeliveryStore deliveries;

    public SubscriptionProjection(Subscriptions subscriptions, DeliveryStore deliveries) {
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
            SubscriptionEntity row = SubscriptionEntity.findById(e.getSubscriptionId());
            boolean created = row == null;
            if (created) {
                row = new SubscriptionEntity();
                row.id = e.getSubscriptionId();
                row.projectId = e.getProjectId();
                row.createdAt = delivery.occurredAt();
            } else if (!row.projectId.equals(e.getProjectId())) {
                return; // a subscription never moves to another project
            }
            row.name = e.getName();
            row.channel = e.getChannel();
            row.url = e.getUrl();
            row.emailsJson = subscriptions.text(e.getEmails());
            row.environmentsJson = subscriptions.text(e.getEnvironments());
            row.kindsJson = subscriptions.text(e.getKinds());
            row.paused = e.getPaused();
            row.maxAttempts = e.getMaxAttempts();
            row.secretJson = subscriptions.sealed(e.getSecret());
            row.previousSecretJson = subscriptions.sealed(e.getPreviousSecret());
            row.previousSecretUntil = e.getPreviousSecretUntil();
            row.updatedAt = delivery.occurredAt();
            if (created) {
                row.persist();
            }
        } else if (delivery.event() instanceof SubscriptionDeleted e) {
            SubscriptionEntity row = SubscriptionEntity.findById(e.getSubscriptionId());
            if (row != null && row.projectId.equals(e.getProjectId())) {
                row.delete();
                if (!delivery.replay()) {
                    deliveries.dropUndelivered(e.getSubscriptionId());
                }
            }
        }
    }
}
