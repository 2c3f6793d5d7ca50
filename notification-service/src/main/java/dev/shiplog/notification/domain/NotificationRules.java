package dev.shiplog.notification.domain;

import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.rules.FieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Which events become notifications, what each says, whether it is recorded, and who receives it.
 * <ul>
 * <li>A request is {@code started} (or {@code promoted}), and also {@code approval_requested} when it waits for an
 * approval; a schedule is {@code scheduled}; the ends are {@code succeeded}, {@code failed}, {@code cancelled}; a
 * rollback is {@code rolled_back}; a health change is {@code health_changed}. Any other event says nothing.</li>
 * <li>One notification per deployment and kind: its id is derived from both, so the same thing said twice (a
 * request written twice, an end sent again) is one notification; a deployment ends once (its first end is notified,
 * a later one is not). A health change is one notification per event.</li>
 * <li>A subscription receives a notification when it {@link Subscription#wants wants} its kind and environment
 * (and is not paused).</li>
 * </ul>
 */
public final class NotificationRules {

    /** What to do with a notification an event made. */
    public enum Recording {
        /** New: record it, queue its deliveries, announce it. */
        RECORD,
        /** Recorded already (the same thing said again): nothing new, announced again under the same id. */
        ANNOUNCE_AGAIN,
        /** A second end of a deployment whose first end was notified: nothing at all. */
        SKIP
    }

    /** The notifications {@code event} makes (none for most kinds of event), at its envelope's time. */
    public static List<Notification> of(SpecificRecord event, Envelope envelope) {
        String actor = envelope.getActor();
        if (event instanceof DeploymentRequested e) {
            List<Notification> out = new ArrayList<>();
            String what = e.getProjectId() + " " + e.getVersion();
            if (e.getPromotedFrom() != null) {
                out.add(deployment(NotificationKind.PROMOTED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId(),
                        what + " is being promoted to " + e.getEnvironment(), "from deployment " + e.getPromotedFrom()
                                + ", by " + actor, null, envelope));
            } else {
                out.add(deployment(NotificationKind.STARTED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId(),
                        what + " is being deployed to " + e.getEnvironment(), "requested by " + actor, null, envelope));
            }
            if (e.getApprovalRequired()) {
                out.add(deployment(NotificationKind.APPROVAL_REQUESTED, e.getProjectId(), e.getEnvironment(),
                        e.getDeploymentId(), what + " to " + e.getEnvironment() + " waits for an approval",
                        "requested by " + actor + "; a maintainer other than the requester approves or rejects it",
                        null, envelope));
            }
            return out;
        } else if (event instanceof DeploymentScheduled e) {
            return List.of(deployment(NotificationKind.SCHEDULED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " deployment to " + e.getEnvironment() + " is scheduled"
                            + " for " + e.getNotBefore(), null, null, envelope));
        } else if (event instanceof DeploymentSucceeded e) {
            return List.of(deployment(NotificationKind.SUCCEEDED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " " + e.getVersion() + " is live on " + e.getEnvironment(),
                    e.getDeploymentUrl(), e.getDeploymentUrl(), envelope));
        } else if (event instanceof DeploymentFailed e) {
            return List.of(deployment(NotificationKind.FAILED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " failed to deploy to " + e.getEnvironment() + " ("
                            + e.getStage().name().toLowerCase(Locale.ROOT) + ")", e.getReason(), null, envelope));
        } else if (event instanceof DeploymentCancelled e) {
            return List.of(deployment(NotificationKind.CANCELLED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " deployment to " + e.getEnvironment()
                            + " was cancelled", e.getReason(), null, envelope));
        } else if (event instanceof DeploymentRolledBack e) {
            return List.of(deployment(NotificationKind.ROLLED_BACK, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " on " + e.getEnvironment() + " was rolled back",
                    "deployment " + e.getRestoredDeploymentId() + " is live again"
                            + (e.getReason() != null ? ": " + e.getReason() : ""), null, envelope));
        } else if (event instanceof EnvironmentHealthChanged e) {
            String status = e.getStatus().name().toLowerCase(Locale.ROOT);
            return List.of(new Notification(Notification.healthId(envelope.getEventId()), e.getProjectId(),
                    e.getEnvironment(), null, NotificationKind.HEALTH_CHANGED.wire(),
                    FieldRules.storable(e.getProjectId() + " " + e.getEnvironment() + " is " + status),
                    FieldRules.storable(e.getReason()), null, envelope.getOccurredAt()));
        }
        return List.of();
    }

    /**
     * Whether {@code n} is recorded: {@code recorded}, it is already; {@code endRecorded} answers (asked only for an
     * end of a deployment not recorded yet) whether that deployment's end is in the feed already.
     */
    public static Recording recording(Notification n, boolean recorded, BooleanSupplier endRecorded) {
        if (recorded) {
            return Recording.ANNOUNCE_AGAIN;
        }
        if (NotificationKind.ofWire(n.kind()).end() && n.deploymentId() != null && endRecorded.getAsBoolean()) {
            return Recording.SKIP;
        }
        return Recording.RECORD;
    }

    /** The ids of the subscriptions among {@code subscriptions} that receive {@code n}. */
    public static List<String> receivers(Notification n, List<Subscription> subscriptions) {
        return subscriptions.stream().filter(s -> s.wants(n.kind(), n.environment())).map(Subscription::id).toList();
    }

    private static Notification deployment(NotificationKind kind, String projectId, String environment,
            String deploymentId, String title, String detail, String url, Envelope envelope) {
        return new Notification(Notification.id(Notification.IN_APP, deploymentId, kind), projectId, environment,
                deploymentId, kind.wire(), FieldRules.storable(title), FieldRules.storable(detail), url,
                envelope.getOccurredAt());
    }

    private NotificationRules() {
    }
}
