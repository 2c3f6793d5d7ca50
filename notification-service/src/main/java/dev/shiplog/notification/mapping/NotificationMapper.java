package dev.shiplog.notification.mapping;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.NotificationKind;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.notification.NotificationDelivered;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;

/** Which deployment events make a notification, what it says, and its delivery on the log: a leaf. */
@ApplicationScoped
public class NotificationMapper {

    static final String SERVICE = "notification-service";

    /** The in-app notifications {@code event} makes (none for most kinds of event). */
    public List<Notification> toInApp(SpecificRecord event, Envelope envelope) {
        if (event instanceof DeploymentRequested e) {
            List<Notification> out = new ArrayList<>();
            if (e.getPromotedFrom() != null) {
                out.add(notification(NotificationKind.PROMOTED, e.getProjectId(), e.getEnvironment(),
                        e.getDeploymentId(), e.getProjectId() + " " + e.getVersion() + " is being promoted to "
                                + e.getEnvironment(), "from deployment " + e.getPromotedFrom() + ", by "
                                + envelope.getActor(), null, envelope));
            } else {
                out.add(notification(NotificationKind.STARTED, e.getProjectId(), e.getEnvironment(),
                        e.getDeploymentId(), e.getProjectId() + " " + e.getVersion() + " is being deployed to "
                                + e.getEnvironment(), "requested by " + envelope.getActor(), null, envelope));
            }
            if (e.getApprovalRequired()) {
                out.add(notification(NotificationKind.APPROVAL_REQUESTED, e.getProjectId(), e.getEnvironment(),
                        e.getDeploymentId(), e.getProjectId() + " " + e.getVersion() + " to " + e.getEnvironment()
                                + " waits for an approval", "requested by " + envelope.getActor()
                                + "; a maintainer other than the requester approves or rejects it", null, envelope));
            }
            return out;
        } else if (event instanceof DeploymentScheduled e) {
            return List.of(notification(NotificationKind.SCHEDULED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " deployment to " + e.getEnvironment() + " is scheduled"
                            + " for " + e.getNotBefore(), null, null, envelope));
        } else if (event instanceof DeploymentSucceeded e) {
            return List.of(notification(NotificationKind.SUCCEEDED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " " + e.getVersion() + " is live on " + e.getEnvironment(),
                    e.getDeploymentUrl(), e.getDeploymentUrl(), envelope));
        } else if (event instanceof DeploymentFailed e) {
            return List.of(notification(NotificationKind.FAILED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " failed to deploy to " + e.getEnvironment() + " ("
                            + e.getStage().name().toLowerCase(Locale.ROOT) + ")", e.getReason(), null, envelope));
        } else if (event instanceof DeploymentCancelled e) {
            return List.of(notification(NotificationKind.CANCELLED, e.getProjectId(), e.getEnvironment(),
                    e.getDeploymentId(), e.getProjectId() + " deployment to " + e.getEnvironment()
                            + " was cancelled", e.getReason(), null, envelope));
        } else if (event instanceof DeploymentRolledBack e) {
            return List.of(notification(NotificationKind.ROLLED_BACK, e.getProjectId(), e.getEnvironment(),
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

    /** The fact that {@code n} reached the feed, caused by the event that triggered it. */
    public NotificationDelivered toDelivered(Notification n, Envelope trigger, String triggerType) {
        return NotificationDelivered.newBuilder()
                .setEnvelope(Envelopes.causedBy(trigger, Envelopes.service(SERVICE)))
                .setNotificationId(n.id())
                .setChannel(Notification.IN_APP)
                .setTarget(Notification.feedTarget(n.projectId()))
                .setTriggerEventId(trigger.getEventId())
                .setTriggerEventType(triggerType)
                .setDeploymentId(n.deploymentId())
                .setAttempts(1)
                .build();
    }

    private static Notification notification(NotificationKind kind, String projectId, String environment,
            String deploymentId, String title, String detail, String url, Envelope envelope) {
        return new Notification(Notification.id(Notification.IN_APP, deploymentId, kind), projectId, environment,
                deploymentId, kind.wire(), FieldRules.storable(title), FieldRules.storable(detail), url,
                envelope.getOccurredAt());
    }
}
