package dev.shiplog.deployment.service;

import dev.shiplog.deployment.repository.LogChunkEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Every deployment's log chunks, from {@code shiplog.deployment.logs}, kept as the bytes they hold. */
@ApplicationScoped
public class DeploymentLogs implements Projection {

    @Override
    public String consumer() {
        return "deployment-api.logs";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_LOGS);
    }

    @Override
    public void apply(Delivery delivery) {
        LogChunkAppended chunk = (LogChunkAppended) delivery.event();
        if (LogChunkEntity.findById(new LogChunkEntity.Key(chunk.getDeploymentId(), chunk.getSequence())) != null) {
            return; // the same chunk published twice (a retried publish): keep the first
        }
        LogChunkEntity row = new LogChunkEntity();
        row.deploymentId = chunk.getDeploymentId();
        row.sequence = chunk.getSequence();
        row.stage = chunk.getStage().name().toLowerCase(Locale.ROOT);
        row.stream = chunk.getStream().name().toLowerCase(Locale.ROOT);
        row.content = chunk.getText().getBytes(StandardCharsets.UTF_8);
        row.persist();
    }
}
