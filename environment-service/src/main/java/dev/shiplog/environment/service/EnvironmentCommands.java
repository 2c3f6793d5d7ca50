package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns accepted configurations into events on the log. Holds no state: the log is the state. */
@ApplicationScoped
public class EnvironmentCommands {

    private final EventPublisher events;
    private final EnvironmentMapper mapper;

    public EnvironmentCommands(@EnvironmentEventsLog EventPublisher events, EnvironmentMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /** Validates and records the configuration of an environment; returns it as accepted. */
    public EnvironmentConfiguration configure(String projectId, String environment, EnvironmentChange change,
            String user) {
        EnvironmentValidator.check(projectId, environment, change);
        String actor = "anonymous";
        if (user != null && !user.isBlank()) {
            String rule = FieldRules.line(user, FieldRules.ACTOR);
            if (rule != null) {
                throw new InvalidInputException("X-Shiplog-User", rule);
            }
            actor = user;
        }
        String key = Topics.environmentKey(projectId, environment);
        EnvironmentConfigured event = mapper.toConfigured(projectId, environment, change,
                Envelopes.root(actor, key, null));
        events.publish(key, event);
        return mapper.toConfiguration(event);
    }
}
