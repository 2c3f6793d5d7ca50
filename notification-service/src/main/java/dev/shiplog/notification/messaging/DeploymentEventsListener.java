package dev.shiplog.notification.messaging;

import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.notification.service.FeedNotifier;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the in-app notifications from {@code shiplog.deployment.events}. Each event is applied once
 * ({@link EventHandler}: its id is recorded in the same transaction as the notification); its NotificationDelivered is
 * published before that commit, so at least once.
 */
@ApplicationScoped
public class DeploymentEventsListener {

    static final String CONSUMER = "notification-service.feed";

    private final EventHandler handler;
    private final FeedNotifier feed;

    public DeploymentEventsListener(EventHandler handler, FeedNotifier feed) {
        this.handler = handler;
        this.feed = feed;
    }

    @Incoming("deployment-feed")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_EVENTS.name(), event, e -> feed.notify(e, (Envelope) e.get(0)));
    }
}
