package dev.shiplog.kit.access;

import dev.shiplog.kit.messaging.EventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code shiplog.access.events} into {@link AccessProjection}: every service has this channel ({@code access};
 * configured in its application.properties, consumer group {@code <service>.access}).
 */
@ApplicationScoped
public class AccessConsumer {

    private final EventHandler handler;
    private final AccessProjection projection;

    public AccessConsumer(EventHandler handler, AccessProjection projection) {
        this.handler = handler;
        this.projection = projection;
    }

    @Incoming("access")
    @Blocking(ordered = true)
    public void access(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(projection, record);
    }
}
