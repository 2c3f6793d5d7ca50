package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Environments' health changes ({@code EnvironmentHealthChanged}) into notifications ({@link Notifier}). */
@ApplicationScoped
public class HealthNotifier implements Projection {

    private final Notifier notifier;

    public HealthNotifier(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public String consumer() {
        return "notification-service.health";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        notifier.notify(delivery);
    }
}
