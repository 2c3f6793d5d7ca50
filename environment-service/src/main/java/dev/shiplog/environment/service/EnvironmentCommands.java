package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns accepted configurations into events on the log. Holds no state: the log is the state. */
@ApplicationScoped
public class EnvironmentCommands {

    private final EventPublisher events;
    private final EnvironmentMapper mapper;
    private final AccessGuard access;

    public EnvironmentCommands(@EnvironmentEventsLog EventPublisher events, EnvironmentMapper mapper,
            AccessGuard access) {
        this.events = events;
        this.mapper = mapper;
        this.access = access;
    }

    /**
     * Validates and records the configuration of an environment (a maintainer of the project may); returns it as
     * accepted.
     */
    public EnvironmentConfiguration configure(String projectId, String environment, EnvironmentChange change,
            Caller caller) {
        EnvironmentValidator.checkNames(projectId, environment);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.configure", environment, null,
                "configuring an environment");
        EnvironmentValidator.check(projectId, environment, change);
        String key = Topics.environmentKey(projectId, environment);
        EnvironmentConfigured event = mapper.toConfigured(projectId, environment, change,
                Envelopes.root(actor, key, null));
        events.publish(key, event);
        return mapper.toConfiguration(event);
    }
}
