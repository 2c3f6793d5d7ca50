package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The deployment lifecycle ({@code shiplog.deployment.events}) into notifications ({@link Notifier}). */
@ApplicationScoped
public class FeedNotifier implements Projection {

    private final Notifier notifier;

    public FeedNotifier(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public String consumer() {
        return "notification-service.feed";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        notifier.notify(delivery);
    }
}
