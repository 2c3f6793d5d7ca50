package dev.shiplog.notification.messaging.outgoing;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.notification.config.NotificationServiceConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** One {@link EventPublisher} per outgoing channel, shared by everything that writes to it. */
@Singleton
public class Publishers {

    @Produces
    @Singleton
    @NotificationEventsLog
    EventPublisher events(@Channel("notification-events-out") MutinyEmitter<SpecificRecord> emitter,
            NotificationServiceConfig config) {
        return new EventPublisher("notification-events-out", emitter, config.publishTimeout());
    }
}
