package dev.shiplog.deployment.messaging.outgoing;

import dev.shiplog.deployment.config.DeploymentApiConfig;
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
    @DeploymentEventsLog
    EventPublisher events(@Channel("deployment-events-out") MutinyEmitter<SpecificRecord> emitter,
            DeploymentApiConfig config) {
        return new EventPublisher("deployment-events-out", emitter, config.publishTimeout());
    }

    @Produces
    @Singleton
    @AccessEventsLog
    EventPublisher access(@Channel("access-events-out") MutinyEmitter<SpecificRecord> emitter,
            DeploymentApiConfig config) {
        return new EventPublisher("access-events-out", emitter, config.publishTimeout());
    }

    @Produces
    @Singleton
    @AuditEventsLog
    EventPublisher audit(@Channel("audit-events-out") MutinyEmitter<SpecificRecord> emitter,
            DeploymentApiConfig config) {
        return new EventPublisher("audit-events-out", emitter, config.publishTimeout());
    }
}
