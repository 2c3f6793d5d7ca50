package dev.shiplog.deployment.messaging;

import dev.shiplog.deployment.repository.LogChunkEntity;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps every deployment's log chunks, from {@code shiplog.deployment.logs}, for the logs API and its stream. */
@ApplicationScoped
public class LogProjector {

    static final String CONSUMER = "deployment-api.logs";
    private final EventHandler handler;

    public LogProjector(EventHandler handler) {
        this.handler = handler;
    }

    @Incoming("deployment-logs")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_LOGS.name(), event, e -> {
            LogChunkAppended chunk = (LogChunkAppended) e;
            if (LogChunkEntity.findById(new LogChunkEntity.Key(chunk.getDeploymentId(), chunk.getSequence())) != null) {
                return; // the same chunk published twice (a retried publish): keep the first
            }
            LogChunkEntity row = new LogChunkEntity();
            row.deploymentId = chunk.getDeploymentId();
            row.sequence = chunk.getSequence();
            row.stage = chunk.getStage().name().toLowerCase(java.util.Locale.ROOT);
            row.stream = chunk.getStream().name().toLowerCase(java.util.Locale.ROOT);
            row.text = chunk.getText();
            row.persist();
        });
    }
}
