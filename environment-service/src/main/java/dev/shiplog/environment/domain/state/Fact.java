package dev.shiplog.environment.domain.state;

import dev.shiplog.environment.domain.Variable;
import java.util.List;
import java.util.Map;

/**
 * A fact of the log about an environment or a project, as this service keeps it: what the projection applies as it
 * arrives, and what the journal keeps so that the state at any instant ({@code asOf}) is folded from the same facts
 * by the same rules ({@link EnvironmentState}, {@link Releases}).
 */
public sealed interface Fact {

    /** The whole configuration of an environment (EnvironmentConfigured). */
    record Configured(String url, Map<String, String> settings, boolean isProtected, boolean approvalRequired,
            Integer bakeSeconds) implements Fact {
        public Configured {
            settings = Map.copyOf(settings);
        }
    }

    /** Variables set or removed (EnvironmentVariablesChanged), in order. */
    record VariablesChanged(List<VariableChanged> changes) implements Fact {
        public VariablesChanged {
            changes = List.copyOf(changes);
        }
    }

    /** One variable's change: {@code now} as it is after it, null when it was removed. */
    record VariableChanged(String name, Variable now) {
    }

    /** The health a check reported (EnvironmentHealthChanged): healthy, degraded or down. */
    record HealthChanged(String status) implements Fact {
    }

    /**
     * The live server application runs {@code instances} instances now, {@code previousInstances} before
     * (ApplicationScaled); the reason is kept storable and at most {@link Application#REASON} characters.
     */
    record ApplicationScaled(String deploymentId, int instances, int previousInstances, String reason)
            implements Fact {
        public ApplicationScaled {
            reason = Application.storable(reason, Application.REASON);
        }
    }

    /**
     * Instance {@code instance} of the server application exited with {@code exitCode} and starts again in
     * {@code restartInSeconds} (ApplicationCrashed); its last output is kept storable and at most
     * {@link Application#LAST_OUTPUT} characters.
     */
    record ApplicationCrashed(String deploymentId, int instance, int exitCode, String lastOutput,
            int restartInSeconds) implements Fact {
        public ApplicationCrashed {
            lastOutput = Application.storable(lastOutput, Application.LAST_OUTPUT);
        }
    }

    /** The environment was deleted with its project (EnvironmentDeleted): its variables go with it. */
    record Deleted() implements Fact {
    }

    /** A rollback pinned the environment (EnvironmentPinned). */
    record Pinned(String rollbackDeploymentId, String reason, String by) implements Fact {
    }

    /** The pin was lifted (EnvironmentUnpinned). */
    record Unpinned() implements Fact {
    }

    /**
     * A deployment's release went live (ReleaseActivated), with the version its request named (null if unknown).
     */
    record Activated(String deploymentId, String artifactId, String version) implements Fact {
    }

    /** A deployment succeeded (DeploymentSucceeded): its version is confirmed; what is live does not change. */
    record Succeeded(String deploymentId, String version, String artifactId) implements Fact {
    }

    /**
     * A deployment ended without succeeding (DeploymentFailed, DeploymentCancelled): if its release had gone live, it
     * is withdrawn and the release before it is live again.
     */
    record Withdrawn(String deploymentId) implements Fact {
    }

    /**
     * A rollback of the old shape (DeploymentRolledBack without a {@code rollbackDeploymentId}, written before
     * rollbacks were deployments of their own): the restored deployment's release is live again.
     */
    record Restored(String deploymentId) implements Fact {
    }

    /**
     * A deployment went live, as the journal said before it recorded activations (a {@code live} entry, written on
     * DeploymentSucceeded): read as the deployment's release being live from then on.
     */
    record WentLive(String deploymentId, String version, String artifactId) implements Fact {
    }

    /** A project's configuration (ProjectConfigured). */
    record ProjectConfigured(String name, String repositoryUrl, String defaultBranch) implements Fact {
    }

    /** The project was deleted (ProjectDeleted). */
    record ProjectDeleted() implements Fact {
    }
}
