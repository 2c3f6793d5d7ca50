package dev.shiplog.environment.domain.state;

import dev.shiplog.environment.domain.Pin;
import dev.shiplog.environment.domain.Variable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment as this service knows it: its configuration (flat settings, as the log carries them), its
 * variables (secrets without their values), its health ({@code healthy}, {@code degraded}, {@code down}, or null
 * until a check has reported), the release live in it (null: none), its pin (null: not pinned), its server
 * application as the runtime last reported it (null: nothing reported; {@link #liveApplication} is what is shown), and when it was created and
 * last changed. {@code exists}: some fact made it (a configuration, or a deployment's first); then
 * {@code deleted} once its project was deleted, until it is configured again.
 */
public record EnvironmentState(String projectId, String name, String url, Map<String, String> settings,
        boolean isProtected, boolean approvalRequired, Integer bakeSeconds, Map<String, Variable> variables,
        String status, Releases.Live live, Pin pin, Application application, Instant createdAt, Instant updatedAt,
        boolean exists, boolean deleted) {

    public EnvironmentState {
        settings = Map.copyOf(settings);
        variables = java.util.Collections.unmodifiableMap(new TreeMap<>(variables));
    }

    /** An environment no fact has made yet. */
    public static EnvironmentState unknown(String projectId, String name) {
        return new EnvironmentState(projectId, name, null, Map.of(), false, false, null, Map.of(), null, null, null,
                null, null, null, false, false);
    }

    /** Whether it is there to be shown: made by some fact, and not deleted since. */
    public boolean visible() {
        return exists && !deleted;
    }

    /** Its server application as shown: the one reported, while its deployment is the live one (else null). */
    public Application liveApplication() {
        return Application.of(application, live);
    }

    /** Its variables by name. */
    public List<Variable> variableList() {
        return List.copyOf(variables.values());
    }

    /**
     * The environment after {@code fact}, which happened {@code at}; {@code live} is what is live after it (the
     * environment's {@link Releases} answer it). A fact that is no news for it ({@link Releases#isNews}), or an
     * application's that breaks its rules ({@link Application#problem}), changes nothing.
     */
    public EnvironmentState after(Fact fact, Instant at, boolean news, Releases.Live live) {
        if (!news || Application.problem(fact) != null) {
            return this;
        }
        Instant created = createdAt == null || at.isBefore(createdAt) ? at : createdAt;
        Instant updated = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        Application app = Application.after(application, fact, at);
        EnvironmentState s = new EnvironmentState(projectId, name, url, settings, isProtected, approvalRequired,
                bakeSeconds, variables, status, live, pin, app, created, updated, true, deleted);
        if (fact instanceof Fact.Configured c) {
            return new EnvironmentState(projectId, name, c.url(), c.settings(), c.isProtected(), c.approvalRequired(),
                    c.bakeSeconds(), variables, status, live, pin, app, created, updated, true, false);
        } else if (fact instanceof Fact.VariablesChanged v) {
            Map<String, Variable> next = new TreeMap<>(variables);
            for (Fact.VariableChanged change : v.changes()) {
                if (change.now() == null) {
                    next.remove(change.name());
                } else {
                    next.put(change.name(), change.now());
                }
            }
            return s.withVariables(next);
        } else if (fact instanceof Fact.HealthChanged h) {
            return new EnvironmentState(projectId, name, url, settings, isProtected, approvalRequired, bakeSeconds,
                    variables, h.status(), live, pin, app, created, updated, true, deleted);
        } else if (fact instanceof Fact.Pinned p) {
            return s.withPin(new Pin(p.rollbackDeploymentId(), p.reason(), p.by(), at));
        } else if (fact instanceof Fact.Unpinned) {
            return s.withPin(null);
        } else if (fact instanceof Fact.Deleted) {
            // its variables and secrets go with it: made again under its name, it starts without them
            return new EnvironmentState(projectId, name, url, settings, isProtected, approvalRequired, bakeSeconds,
                    Map.of(), status, live, pin, app, created, updated, true, true);
        }
        return s;
    }

    private EnvironmentState withVariables(Map<String, Variable> next) {
        return new EnvironmentState(projectId, name, url, settings, isProtected, approvalRequired, bakeSeconds, next,
                status, live, pin, application, createdAt, updatedAt, exists, deleted);
    }

    private EnvironmentState withPin(Pin next) {
        return new EnvironmentState(projectId, name, url, settings, isProtected, approvalRequired, bakeSeconds,
                variables, status, live, next, application, createdAt, updatedAt, exists, deleted);
    }
}
