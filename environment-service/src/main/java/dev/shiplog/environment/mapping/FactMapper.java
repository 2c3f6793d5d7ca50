package dev.shiplog.environment.mapping;

import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.domain.variables.VariableRules;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.environment.ApplicationCrashed;
import dev.shiplog.schema.environment.ApplicationScaled;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.rules.FieldRules;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/** The events of the log as this service's facts ({@link Fact}): a leaf, it calls no other layer. */
public final class FactMapper {

    /** A fact and what it is about: a project's environment, or the whole project ({@code environment} null). */
    public record Located(String projectId, String environment, Fact fact) {
    }

    /** The fact an event of {@code shiplog.environment.events} brings, or null for one this service ignores. */
    public static Located ofEnvironmentEvent(SpecificRecord event) {
        if (event instanceof EnvironmentConfigured e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Configured(e.getUrl(),
                    new TreeMap<>(e.getSettings()), e.getProtected$(), e.getApprovalRequired(), e.getBakeSeconds()));
        } else if (event instanceof EnvironmentHealthChanged e) {
            return new Located(e.getProjectId(), e.getEnvironment(),
                    new Fact.HealthChanged(e.getStatus().name().toLowerCase(Locale.ROOT)));
        } else if (event instanceof ApplicationScaled e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.ApplicationScaled(e.getDeploymentId(),
                    e.getInstances(), e.getPreviousInstances(), e.getReason()));
        } else if (event instanceof ApplicationCrashed e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.ApplicationCrashed(e.getDeploymentId(),
                    e.getInstance(), e.getExitCode(), e.getLastOutput(), e.getRestartInSeconds()));
        } else if (event instanceof EnvironmentVariablesChanged e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.VariablesChanged(e.getChanges().stream()
                    .map(c -> new Fact.VariableChanged(c.getName(), VariableRules.shown(c))).toList()));
        } else if (event instanceof EnvironmentDeleted e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Deleted());
        } else if (event instanceof ProjectConfigured e) {
            return new Located(e.getProjectId(), null, new Fact.ProjectConfigured(e.getName(), e.getRepositoryUrl(),
                    e.getDefaultBranch()));
        } else if (event instanceof ProjectDeleted e) {
            return new Located(e.getProjectId(), null, new Fact.ProjectDeleted());
        }
        return null;
    }

    /**
     * The fact an event of {@code shiplog.deployment.events} brings about what is live or the pin, or null for one
     * this service ignores here. An activation's version is not on its event: null, for the caller to tell.
     */
    public static Located ofDeploymentEvent(SpecificRecord event) {
        if (event instanceof ReleaseActivated e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Activated(e.getDeploymentId(),
                    e.getArtifactId(), null));
        } else if (event instanceof DeploymentSucceeded e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Succeeded(e.getDeploymentId(),
                    e.getVersion(), e.getArtifactId()));
        } else if (event instanceof DeploymentFailed e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Withdrawn(e.getDeploymentId()));
        } else if (event instanceof DeploymentCancelled e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Withdrawn(e.getDeploymentId()));
        } else if (event instanceof DeploymentRolledBack e && e.getRollbackDeploymentId() == null) {
            // written before rollbacks were deployments of their own; since then the rollback's own ReleaseActivated
            // says what is live, and its DeploymentRolledBack (naming it) changes nothing here
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Restored(e.getRestoredDeploymentId()));
        } else if (event instanceof EnvironmentPinned e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Pinned(e.getRollbackDeploymentId(),
                    FieldRules.storable(e.getReason()), e.getEnvelope().getActor()));
        } else if (event instanceof EnvironmentUnpinned e) {
            return new Located(e.getProjectId(), e.getEnvironment(), new Fact.Unpinned());
        }
        return null;
    }

    private FactMapper() {
    }
}
