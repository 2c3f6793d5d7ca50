package dev.shiplog.environment.service;

import dev.shiplog.environment.config.EnvironmentServiceConfig;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.rest.EnvironmentConfiguration;
import dev.shiplog.environment.rest.EnvironmentRequest;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Turns accepted configurations into events on the log. Holds no state: the log is the state. */
@ApplicationScoped
public class EnvironmentCommands {

    private final EventPublisher events;
    private final EnvironmentMapper mapper;

    public EnvironmentCommands(@Channel("environment-events-out") MutinyEmitter<SpecificRecord> emitter,
            EnvironmentServiceConfig config, EnvironmentMapper mapper) {
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.mapper = mapper;
    }

    /** Validates and records the configuration of an environment; returns it as accepted. */
    public EnvironmentConfiguration configure(String projectId, String environment, EnvironmentRequest request,
            String actor) {
        EnvironmentValidator.check(projectId, environment, request);
        EnvironmentConfigured event = mapper.toConfigured(projectId, environment, request, actor);
        events.publish(Topics.environmentKey(projectId, environment), event);
        return mapper.toConfiguration(event);
    }
}
