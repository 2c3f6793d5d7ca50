package dev.shiplog.pipeline.messaging.incoming;

import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.pipeline.service.lane.LaneProjection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code shiplog.deployment.events}, in log order, into the lanes and the release history ({@link LaneProjection}). */
@ApplicationScoped
public class DeploymentEventsConsumer {

    private final EventHandler handler;
    private final LaneProjection lanes;

    public DeploymentEventsConsumer(EventHandler handler, LaneProjection lanes) {
        this.handler = handler;
        this.lanes = lanes;
    }

    @Incoming("pipeline")
    @Blocking(ordered = true)
    public void on(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(lanes, record);
    }
}
