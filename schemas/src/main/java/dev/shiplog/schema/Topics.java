package dev.shiplog.schema;

import dev.shiplog.schema.access.MemberRemoved;
import dev.shiplog.schema.access.MemberRoleGranted;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.schema.access.TokenRevoked;
import dev.shiplog.schema.audit.CommandRefused;
import dev.shiplog.schema.deployment.command.CancelDeployment;
import dev.shiplog.schema.deployment.command.PromoteDeployment;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.command.RollbackEnvironment;
import dev.shiplog.schema.deployment.event.ArtifactCleanupRequested;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentGoingLive;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.EnvironmentUnpinned;
import dev.shiplog.schema.deployment.event.HealthCheckCompleted;
import dev.shiplog.schema.deployment.event.PromotionRequested;
import dev.shiplog.schema.deployment.event.ReleaseBaked;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.RetentionPolicySet;
import dev.shiplog.schema.deployment.event.RollbackRequested;
import dev.shiplog.schema.deployment.event.SourceResolved;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.ApplicationCrashed;
import dev.shiplog.schema.environment.ApplicationScaled;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.notification.NotificationDelivered;
import dev.shiplog.schema.notification.NotificationFailed;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.schema.notification.SubscriptionDeleted;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Kafka topic of the platform, with what its keys and values are. The one place topic names live.
 *
 * <p>A topic carries several record types; each value is serialized with the Apicurio Avro serde under the
 * record-id strategy, so the registry holds one artifact per record type (its full Avro name, which is part of
 * the wire contract and never changes).
 */
public final class Topics {

    /**
     * What every topic and consumer group name ends with: nothing on the platform; in a module's own tests, a
     * suffix of that module's (system property {@code shiplog-topics.suffix}, set by the build), so that modules'
     * tests run side by side, and beside a running platform, without reading each other's events.
     */
    public static final String SUFFIX = suffix(System.getProperty("shiplog-topics.suffix", ""));

    static String suffix(String value) {
        return value.matches("[a-z0-9.-]{0,40}") ? value : "";
    }

    /** The consumer group {@code name} (the platform's names; a module's tests add their suffix). */
    public static String group(String name) {
        return name + SUFFIX;
    }

    /** Keys are strings; {@link Key} says which string. */
    public enum Key {
        /**
         * {@code projectId/environment}: one environment's history is totally ordered in one partition. What is
         * about a whole project (its retention policy, its artifacts) is keyed by the {@code projectId} alone.
         */
        ENVIRONMENT,
        /** The deployment id: one deployment's log chunks are ordered. */
        DEPLOYMENT,
        /** The notification id; a subscription's facts by the subscription id. */
        NOTIFICATION,
        /** The project id for a member's role, {@code token:<tokenId>} for a token: one story, one partition. */
        ACCESS,
        /** The project id, or the event id when the call named no project. */
        AUDIT
    }

    /** A topic: its name, its key, and the record types its values may be. */
    public record Topic(String name, Key key, List<Class<? extends SpecificRecord>> valueTypes, String purpose) {
        public boolean carries(Class<?> type) {
            return valueTypes.contains(type);
        }
    }

    /** Commands other services publish to ask for deployments; the deployment-api consumes them. */
    public static final Topic DEPLOYMENT_COMMANDS = new Topic("shiplog.deployment.commands" + SUFFIX, Key.ENVIRONMENT,
            List.of(RequestDeployment.class, CancelDeployment.class, RollbackEnvironment.class, PromoteDeployment.class),
            "commands from other services (imperatives)");

    /** Every fact about deployments, keyed by environment. The source of truth for history and pipeline. */
    public static final Topic DEPLOYMENT_EVENTS = new Topic("shiplog.deployment.events" + SUFFIX, Key.ENVIRONMENT,
            List.of(DeploymentRequested.class, CommandRejected.class, DeploymentScheduled.class, DeploymentQueued.class,
                    StageStarted.class, StageCompleted.class, ArtifactStored.class, ReleaseActivated.class,
                    HealthCheckCompleted.class, DeploymentSucceeded.class, DeploymentFailed.class,
                    CancellationRequested.class, DeploymentCancelled.class, RollbackRequested.class,
                    DeploymentRolledBack.class, PromotionRequested.class, DeploymentApproved.class,
                    DeploymentRejected.class, EnvironmentPinned.class, EnvironmentUnpinned.class,
                    RetentionPolicySet.class, ArtifactCleanupRequested.class, ArtifactDeleted.class,
                    SourceResolved.class, DeploymentGoingLive.class, ReleaseBaked.class),
            "deployment lifecycle facts (past tense)");

    /** Build and platform log lines, high volume, kept apart from the lifecycle events. */
    public static final Topic DEPLOYMENT_LOGS = new Topic("shiplog.deployment.logs" + SUFFIX, Key.DEPLOYMENT,
            List.of(LogChunkAppended.class), "deployment log chunks");

    /** Environment configuration, variables and health, keyed by environment. */
    public static final Topic ENVIRONMENT_EVENTS = new Topic("shiplog.environment.events" + SUFFIX, Key.ENVIRONMENT,
            List.of(EnvironmentConfigured.class, EnvironmentVariablesChanged.class, EnvironmentHealthChanged.class,
                    ProjectConfigured.class, ProjectDeleted.class, EnvironmentDeleted.class, ApplicationScaled.class,
                    ApplicationCrashed.class),
            "environment and project facts (a project's keyed by its id)");

    /** Outcomes of notification deliveries. */
    public static final Topic NOTIFICATION_EVENTS = new Topic("shiplog.notification.events" + SUFFIX, Key.NOTIFICATION,
            List.of(NotificationDelivered.class, NotificationFailed.class, SubscriptionConfigured.class,
                    SubscriptionDeleted.class), "subscriptions (keyed by their id) and notification delivery facts");

    /** Who may do what: API tokens and project members. Written by the deployment-api only, read by every service. */
    public static final Topic ACCESS_EVENTS = new Topic("shiplog.access.events" + SUFFIX, Key.ACCESS,
            List.of(TokenIssued.class, TokenRevoked.class, MemberRoleGranted.class, MemberRemoved.class),
            "tokens and members (who may do what)");

    /** Calls refused for want of a role, from every service that takes commands: for the audit trail. */
    public static final Topic AUDIT_EVENTS = new Topic("shiplog.audit.events" + SUFFIX, Key.AUDIT,
            List.of(CommandRefused.class), "refused calls, for the audit trail");

    public static final List<Topic> ALL = List.of(DEPLOYMENT_COMMANDS, DEPLOYMENT_EVENTS, DEPLOYMENT_LOGS,
            ENVIRONMENT_EVENTS, NOTIFICATION_EVENTS, ACCESS_EVENTS, AUDIT_EVENTS);

    /** The dead-letter topic of a consumer: {@code <topic>.<consumer-group>.dlq}. */
    public static String deadLetter(Topic topic, String consumerGroup) {
        return topic.name() + "." + consumerGroup + ".dlq";
    }

    /** The key of everything about one environment. */
    public static String environmentKey(String projectId, String environment) {
        return EnvironmentRef.of(projectId, environment).key();
    }

    private Topics() {
    }
}
