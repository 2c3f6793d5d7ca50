package dev.shiplog.notification.messaging.incoming;

import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.notification.service.FeedNotifier;
import dev.shiplog.notification.service.HealthNotifier;
import dev.shiplog.notification.service.SubscriptionProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What this service reads from the log, each channel in its own consumer group: the deployment lifecycle and the
 * environments' health into notifications, the subscriptions into their projection.
 */
@ApplicationScoped
public class LogConsumers {

    private final EventHandler handler;
    private final FeedNotifier feed;
    private final HealthNotifier health;
    private final SubscriptionProjection subscriptions;

    public LogConsumers(EventHandler handler, FeedNotifier feed, HealthNotifier health,
            SubscriptionProjection subscriptions) {
        this.handler = handler;
        this.feed = feed;
        this.health = health;
        this.subscriptions = subscriptions;
    }

    @Incoming("deployment-feed")
    @Blocking(ordered = true)
    public void on(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(feed, record);
    }

    @Incoming("health-feed")
    @Blocking(ordered = true)
    public void health(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(health, record);
    }

    @Incoming("subscriptions")
    @Blocking(ordered = true)
    public void subscriptions(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(subscriptions, record);
    }
}
