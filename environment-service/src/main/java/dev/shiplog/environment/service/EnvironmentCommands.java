package dev.shiplog.environment.service;

import dev.shiplog.environment.config.EnvironmentServiceConfig;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.LogPosition;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.VariableChange;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns accepted configurations and variable changes into events on the log. Holds no state: the log is the state.
 * A secret is sealed before its event is written ({@link SecretBox}); its value is never on the log in clear. A
 * command answers once this service's own projection shows its event (read your writes), with its log position.
 */
@ApplicationScoped
public class EnvironmentCommands {

    /** The consumer whose view this service answers with: a write waits until it has applied the write's event. */
    public static final String VIEW = "environment-service.environments";

    private final EventPublisher events;
    private final EnvironmentMapper mapper;
    private final AccessGuard access;
    private final SecretBox secrets;
    private final ProjectionPositions positions;
    private final EnvironmentServiceConfig config;

    public EnvironmentCommands(@EnvironmentEventsLog EventPublisher events, EnvironmentMapper mapper,
            AccessGuard access, SecretBox secrets, ProjectionPositions positions, EnvironmentServiceConfig config) {
        this.events = events;
        this.mapper = mapper;
        this.access = access;
        this.secrets = secrets;
        this.positions = positions;
        this.config = config;
    }

    /** A configuration accepted, and where its event is on the log. */
    public record Accepted(EnvironmentConfiguration configuration, LogPosition position) {
    }

    /**
     * Validates and records the configuration of an environment (a maintainer of the project may); returns it as
     * accepted.
     */
    public Accepted configure(String projectId, String environment, EnvironmentChange change, Caller caller) {
        EnvironmentValidator.checkNames(projectId, environment);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.configure", environment, null,
                "configuring an environment");
        EnvironmentValidator.check(projectId, environment, change);
        EnvironmentConfigured event = configured(projectId, environment, change, actor);
        return new Accepted(mapper.toConfiguration(event), seen(publish(projectId, environment, event)));
    }

    /** The event of a configuration (for the environments a new project gets too). */
    EnvironmentConfigured configured(String projectId, String environment, EnvironmentChange change, Actor actor) {
        return mapper.toConfigured(projectId, environment, change,
                Envelopes.root(actor, Topics.environmentKey(projectId, environment), null));
    }

    LogPosition publish(String projectId, String environment, org.apache.avro.specific.SpecificRecord event) {
        return events.publish(Topics.environmentKey(projectId, environment), event);
    }

    /** A fact about a whole project, keyed by the project. */
    LogPosition publishProject(String projectId, org.apache.avro.specific.SpecificRecord event) {
        return events.publish(projectId, event);
    }

    /** Waits (bounded) until this service's view has applied the event at {@code position}; returns it. */
    LogPosition seen(LogPosition position) {
        if (position != null) {
            positions.await(VIEW, position, config.visibleWithin());
        }
        return position;
    }

    /**
     * Sets a variable of an environment (a maintainer may): a plain one, or a secret sealed before it is written.
     * 404 if the environment does not exist.
     */
    public LogPosition setVariable(String projectId, String environment, String name, String value, boolean secret,
            Caller caller) {
        EnvironmentValidator.checkNames(projectId, environment);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.variable", environment, name,
                "changing an environment's variables");
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.variableName(name) != null) {
            violations.add(new Violation("name", FieldRules.variableName(name)));
        }
        if (value == null) {
            violations.add(new Violation("value", "is required"));
        } else if (FieldRules.text(value, FieldRules.VARIABLE_VALUE) != null || value.indexOf('\0') >= 0) {
            violations.add(new Violation("value", value.indexOf('\0') >= 0 ? "must not contain NUL"
                    : FieldRules.text(value, FieldRules.VARIABLE_VALUE)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        requireEnvironment(projectId, environment);
        long count = QuarkusTransaction.requiringNew().call(() -> VariableEntity.count("projectId = ?1 and"
                + " environment = ?2 and name <> ?3", projectId, environment, name));
        if (count >= FieldRules.VARIABLES) {
            throw new UnprocessableException("name", "an environment has at most " + FieldRules.VARIABLES
                    + " variables");
        }
        if (secret && !secrets.available()) {
            throw new UnprocessableException("secret", "this platform has no secret key configured"
                    + " (shiplog-secrets.keys): secrets cannot be kept");
        }
        VariableChange change = VariableChange.newBuilder().setName(name).setSecret(secret).setRemoved(false)
                .setValue(secret ? null : value).setSealed(secret ? secrets.seal(name, value) : null).build();
        return seen(publish(projectId, environment, variables(projectId, environment, actor, List.of(change))));
    }

    /** Removes a variable (a maintainer may); 404 if it does not exist. */
    public LogPosition removeVariable(String projectId, String environment, String name, Caller caller) {
        EnvironmentValidator.checkNames(projectId, environment);
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.variable", environment, name,
                "changing an environment's variables");
        if (FieldRules.variableName(name) != null) {
            throw new InvalidInputException("name", FieldRules.variableName(name));
        }
        if (QuarkusTransaction.requiringNew().call(() -> VariableEntity.findById(new VariableEntity.Key(projectId,
                environment, name))) == null) {
            throw new NotFoundException("No variable " + name + " in " + projectId + "/" + environment);
        }
        VariableChange change = VariableChange.newBuilder().setName(name).setSecret(false).setRemoved(true).build();
        return seen(publish(projectId, environment, variables(projectId, environment, actor, List.of(change))));
    }

    /**
     * Seals again, with the current key, every secret sealed with another one (an instance administrator may, after
     * adding a new key): returns how many. The old keys can go once no deployment that may be rolled back to holds a
     * value they sealed.
     */
    /** What a reseal did: how many secrets it sealed again, and those it could not open (their key is gone). */
    public record Resealed(int resealed, List<String> unopenable) {
    }

    public Resealed reseal(Caller caller) {
        Actor actor = access.requireInstanceAdmin(caller, "secrets.reseal", null);
        List<VariableEntity> stale = QuarkusTransaction.requiringNew().call(() -> VariableEntity.<VariableEntity>list(
                "secret = true and keyId <> ?1 order by projectId, environment, name", secrets.currentKey()));
        LogPosition last = null;
        int resealed = 0;
        List<String> unopenable = new ArrayList<>();
        for (VariableEntity v : stale) {
            String value;
            try {
                value = secrets.open(EnvironmentQueries.sealed(v));
            } catch (SecretUnavailableException e) {
                // sealed with a key this service no longer has: left as it is, and said so
                unopenable.add(v.projectId + "/" + v.environment + "/" + v.name + " (key " + v.keyId + ")");
                continue;
            }
            VariableChange change = VariableChange.newBuilder().setName(v.name).setSecret(true).setRemoved(false)
                    .setSealed(secrets.seal(v.name, value)).build();
            last = publish(v.projectId, v.environment, variables(v.projectId, v.environment, actor, List.of(change)));
            resealed++;
        }
        seen(last);
        return new Resealed(resealed, unopenable);
    }

    private static EnvironmentVariablesChanged variables(String projectId, String environment, Actor actor,
            List<VariableChange> changes) {
        return EnvironmentVariablesChanged.newBuilder()
                .setEnvelope(Envelopes.root(actor, Topics.environmentKey(projectId, environment), null))
                .setProjectId(projectId).setEnvironment(environment).setChanges(changes).build();
    }

    private static void requireEnvironment(String projectId, String environment) {
        EnvironmentEntity found = QuarkusTransaction.requiringNew().call(() -> EnvironmentEntity.find(projectId,
                environment));
        if (found == null || found.deletedAt != null) {
            throw new NotFoundException("No environment " + environment + " in project " + projectId);
        }
    }
}
