package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.rest.DeploymentRequest;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Turns accepted requests into events on the log. Holds no state: the log is the state. */
@ApplicationScoped
public class DeploymentCommands {

    private final EventPublisher events;
    private final DeploymentMapper mapper;

    public DeploymentCommands(@Channel("deployment-events-out") MutinyEmitter<SpecificRecord> emitter,
            DeploymentApiConfig config, DeploymentMapper mapper) {
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.mapper = mapper;
    }

    /** Validates and records a deployment request; returns the new deployment's id. */
    public String requestDeployment(DeploymentRequest request, String actor) {
        DeploymentValidator.check(request);
        String id = UUID.randomUUID().toString();
        DeploymentRequested event = mapper.toRequested(id, request, actor);
        events.publish(Topics.environmentKey(request.projectId(), request.environment()), event);
        return id;
    }
}
