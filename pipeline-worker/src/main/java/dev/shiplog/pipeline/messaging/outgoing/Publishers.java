package dev.shiplog.pipeline.messaging.outgoing;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.config.PipelineConfig;
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
    EventPublisher events(@Channel("pipeline-events-out") MutinyEmitter<SpecificRecord> emitter,
            PipelineConfig config) {
        return new EventPublisher("pipeline-events-out", emitter, config.publishTimeout());
    }

    @Produces
    @Singleton
    @EnvironmentEventsLog
    EventPublisher health(@Channel("health-events-out") MutinyEmitter<SpecificRecord> emitter,
            PipelineConfig config) {
        return new EventPublisher("health-events-out", emitter, config.publishTimeout());
    }

    @Produces
    @Singleton
    @DeploymentLogsLog
    EventPublisher logs(@Channel("pipeline-logs-out") MutinyEmitter<SpecificRecord> emitter, PipelineConfig config) {
        return new EventPublisher("pipeline-logs-out", emitter, config.publishTimeout());
    }
}
