package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.configuration.ConfigurationRules;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Configures an environment: checks the names, the caller's role (a maintainer of the project) and the
 * configuration ({@link ConfigurationRules}), then writes EnvironmentConfigured and answers once this service's view
 * shows it. Holds no state: the log is the state.
 */
@ApplicationScoped
public class EnvironmentCommands {

    private final EnvironmentLog log;
    private final AccessGuard access;

    public EnvironmentCommands(EnvironmentLog log, AccessGuard access) {
        this.log = log;
        this.access = access;
    }

    /** A configuration accepted, and where its event is on the log. */
    public record Accepted(EnvironmentRef environment, EnvironmentChange configuration, LogPosition position) {
    }

    /** Validates and records the whole configuration of an environment; returns it as accepted. */
    public Accepted configure(String projectId, String environment, EnvironmentChange change, Caller caller) {
        Refusals.raise(ConfigurationRules.names(projectId, environment));
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.configure", environment, null,
                "configuring an environment");
        Refusals.raise(ConfigurationRules.configuration(projectId, environment, change));
        EnvironmentRef ref = EnvironmentRef.of(projectId, environment);
        return new Accepted(ref, change, log.seen(log.write(ref, configured(ref, change, actor))));
    }

    /** The event of a configuration (for the environments a new project gets too). */
    static EnvironmentConfigured configured(EnvironmentRef ref, EnvironmentChange change, Actor actor) {
        return EnvironmentMapper.toConfigured(ref, change, Envelopes.root(actor, ref.key(), null));
    }
}
