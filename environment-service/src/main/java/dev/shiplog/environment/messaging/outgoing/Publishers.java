package dev.shiplog.environment.messaging.outgoing;

import dev.shiplog.environment.config.EnvironmentServiceConfig;
import dev.shiplog.kit.messaging.EventPublisher;
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
    @EnvironmentEventsLog
    EventPublisher events(@Channel("environment-events-out") MutinyEmitter<SpecificRecord> emitter,
            EnvironmentServiceConfig config) {
        return new EventPublisher("environment-events-out", emitter, config.publishTimeout());
    }
}
