package dev.shiplog.notification.messaging.incoming;

import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.notification.service.FeedNotifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code shiplog.deployment.events} into the in-app feed ({@link FeedNotifier}). */
@ApplicationScoped
public class DeploymentEventsConsumer {

    private final EventHandler handler;
    private final FeedNotifier feed;

    public DeploymentEventsConsumer(EventHandler handler, FeedNotifier feed) {
        this.handler = handler;
        this.feed = feed;
    }

    @Incoming("deployment-feed")
    @Blocking(ordered = true)
    public void on(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(feed, record);
    }
}
