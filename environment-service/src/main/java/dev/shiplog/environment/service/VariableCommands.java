package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.configuration.ConfigurationRules;
import dev.shiplog.environment.domain.variables.VariableRules;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.VariableChange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Sets and removes an environment's variables (a maintainer of the project may), as EnvironmentVariablesChanged: a
 * secret is sealed ({@link SecretBox}) before its event is written, so its value is never on the log in clear. The
 * rules are {@link VariableRules}; a command answers once this service's view shows its event.
 */
@ApplicationScoped
public class VariableCommands {

    private final EnvironmentLog log;
    private final AccessGuard access;
    private final SecretBox secrets;

    public VariableCommands(EnvironmentLog log, AccessGuard access, SecretBox secrets) {
        this.log = log;
        this.access = access;
        this.secrets = secrets;
    }

    /** Sets a variable: a plain one, or a secret sealed before it is written. 404 if the environment does not exist. */
    public LogPosition set(String projectId, String environment, String name, String value, boolean secret,
            Caller caller) {
        Refusals.raise(ConfigurationRules.names(projectId, environment));
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.variable", environment, name,
                "changing an environment's variables");
        Refusals.raise(VariableRules.setting(name, value));
        EnvironmentRef ref = EnvironmentRef.of(projectId, environment);
        requireEnvironment(ref);
        Refusals.raise(VariableRules.room(QuarkusTransaction.requiringNew().call(() -> VariableEntity.others(ref,
                name))));
        Refusals.raise(VariableRules.sealable(secret, secrets.available()));
        VariableChange change = secret ? VariableRules.secret(name, secrets.seal(name, value))
                : VariableRules.plain(name, value);
        return log.seen(log.write(ref, changed(ref, actor, change)));
    }

    /** Removes a variable; 404 if it does not exist. */
    public LogPosition remove(String projectId, String environment, String name, Caller caller) {
        Refusals.raise(ConfigurationRules.names(projectId, environment));
        Actor actor = access.require(caller, projectId, Role.MAINTAINER, "environment.variable", environment, name,
                "changing an environment's variables");
        Refusals.raise(VariableRules.removal(name));
        EnvironmentRef ref = EnvironmentRef.of(projectId, environment);
        if (QuarkusTransaction.requiringNew().call(() -> VariableEntity.find(ref, name)) == null) {
            throw new NotFoundException("No variable " + name + " in " + projectId + "/" + environment);
        }
        return log.seen(log.write(ref, changed(ref, actor, VariableRules.removed(name))));
    }

    /** The event of one variable's change. */
    static EnvironmentVariablesChanged changed(EnvironmentRef ref, Actor actor, VariableChange change) {
        return EnvironmentVariablesChanged.newBuilder().setEnvelope(Envelopes.root(actor, ref.key(), null))
                .setProjectId(ref.projectId()).setEnvironment(ref.environment()).setChanges(List.of(change)).build();
    }

    private static void requireEnvironment(EnvironmentRef ref) {
        EnvironmentEntity found = QuarkusTransaction.requiringNew().call(() -> EnvironmentEntity.find(ref));
        if (found == null || found.deletedAt != null) {
            throw new NotFoundException("No environment " + ref.environment() + " in project " + ref.projectId());
        }
    }
}
