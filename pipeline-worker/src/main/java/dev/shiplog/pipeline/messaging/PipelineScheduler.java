package dev.shiplog.pipeline.messaging;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.repository.LaneEntry;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * One deployment at a time per environment. Every environment's events are in one partition, so this consumer sees
 * them in order: a request joins its environment's lane and is told its place (DeploymentQueued); a finished
 * deployment leaves it.
 *
 * <p>A DeploymentQueued is published (and acknowledged) before the transaction that records the request commits: a
 * crash in between re-delivers the request, which publishes the same position again. Never lost, at worst repeated.
 */
@ApplicationScoped
public class PipelineScheduler {

    static final String CONSUMER = "pipeline-worker.scheduler";
    static final String ACTOR = Envelopes.service("pipeline-worker");
    private static final Logger LOG = Logger.getLogger(PipelineScheduler.class);

    private final EventHandler handler;
    private final EventPublisher events;

    public PipelineScheduler(EventHandler handler,
            @Channel("pipeline-events-out") MutinyEmitter<SpecificRecord> emitter, PipelineConfig config) {
        this.handler = handler;
        this.events = new EventPublisher(emitter, config.publishTimeout());
    }

    @Incoming("pipeline")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_EVENTS.name(), event, this::apply);
    }

    void apply(SpecificRecord event) {
        if (event instanceof DeploymentRequested requested) {
            enqueue(requested);
        } else if (event instanceof DeploymentSucceeded e) {
            leave(e.getDeploymentId());
        } else if (event instanceof DeploymentFailed e) {
            leave(e.getDeploymentId());
        } else if (event instanceof DeploymentCancelled e) {
            leave(e.getDeploymentId());
        } else {
            LOG.debugf("scheduler ignores %s", event.getSchema().getName());
        }
    }

    private void enqueue(DeploymentRequested requested) {
        if (LaneEntry.findById(requested.getDeploymentId()) == null) {
            LaneEntry entry = new LaneEntry();
            entry.deploymentId = requested.getDeploymentId();
            entry.projectId = requested.getProjectId();
            entry.environment = requested.getEnvironment();
            entry.requestedAt = requested.getEnvelope().getOccurredAt();
            entry.persistAndFlush();
        }
        List<LaneEntry> lane = LaneEntry.lane(requested.getProjectId(), requested.getEnvironment());
        int position = 0;
        while (!lane.get(position).deploymentId.equals(requested.getDeploymentId())) {
            position++;
        }
        events.publish(Topics.environmentKey(requested.getProjectId(), requested.getEnvironment()),
                DeploymentQueued.newBuilder()
                        .setEnvelope(Envelopes.causedBy(requested.getEnvelope(), ACTOR))
                        .setDeploymentId(requested.getDeploymentId())
                        .setProjectId(requested.getProjectId())
                        .setEnvironment(requested.getEnvironment())
                        .setPosition(position)
                        .setBlockedBy(position == 0 ? null : lane.get(0).deploymentId)
                        .build());
    }

    private void leave(String deploymentId) {
        LaneEntry.deleteById(deploymentId);
    }
}
