package dev.shiplog.notification.mapping;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.rest.NotificationView;
import dev.shiplog.notification.service.Channels;
import dev.shiplog.notification.service.NotificationKind;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.notification.NotificationDelivered;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Wire (Avro, JSON) to domain and back: which deployment events make a notification, and what it says. */
@ApplicationScoped
public class NotificationMapper {

    static final String SERVICE = "notification-service";

    /** The in-app notification {@code event} makes, or empty if this kind of event makes none. */
    public Optional<NotificationEntity> toInApp(SpecificRecord event, Envelope envelope, Instant now) {
        NotificationEntity n;
        if (event instanceof DeploymentRequested e) {
            n = base(NotificationKind.STARTED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId());
            n.title = e.getProjectId() + " " + e.getVersion() + " is being deployed to " + e.getEnvironment();
            n.detail = "requested by " + envelope.getActor();
        } else if (event instanceof DeploymentSucceeded e) {
            n = base(NotificationKind.SUCCEEDED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId());
            n.title = e.getProjectId() + " " + e.getVersion() + " is live on " + e.getEnvironment();
            n.detail = e.getDeploymentUrl();
            n.url = e.getDeploymentUrl();
        } else if (event instanceof DeploymentFailed e) {
            n = base(NotificationKind.FAILED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId());
            n.title = e.getProjectId() + " failed to deploy to " + e.getEnvironment() + " ("
                    + e.getStage().name().toLowerCase(Locale.ROOT) + ")";
            n.detail = e.getReason();
        } else if (event instanceof DeploymentCancelled e) {
            n = base(NotificationKind.CANCELLED, e.getProjectId(), e.getEnvironment(), e.getDeploymentId());
            n.title = e.getProjectId() + " deployment to " + e.getEnvironment() + " was cancelled";
            n.detail = e.getReason();
        } else if (event instanceof DeploymentRolledBack e) {
            n = base(NotificationKind.ROLLED_BACK, e.getProjectId(), e.getEnvironment(), e.getDeploymentId());
            n.title = e.getProjectId() + " on " + e.getEnvironment() + " was rolled back";
            n.detail = "deployment " + e.getRestoredDeploymentId() + " is live again"
                    + (e.getReason() != null ? ": " + e.getReason() : "");
        } else {
            return Optional.empty();
        }
        n.id = Channels.notificationId(Channels.IN_APP, envelope.getEventId());
        n.triggerEventId = envelope.getEventId();
        n.triggerEventType = event.getSchema().getName();
        n.occurredAt = envelope.getOccurredAt();
        n.createdAt = now;
        return Optional.of(n);
    }

    /** The fact that {@code n} reached the feed, caused by the event that triggered it. */
    public NotificationDelivered toDelivered(NotificationEntity n, Envelope trigger) {
        return NotificationDelivered.newBuilder()
                .setEnvelope(Envelopes.causedBy(trigger, Envelopes.service(SERVICE)))
                .setNotificationId(n.id.toString())
                .setChannel(Channels.IN_APP)
                .setTarget(Channels.feedTarget(n.projectId))
                .setTriggerEventId(n.triggerEventId)
                .setTriggerEventType(n.triggerEventType)
                .setDeploymentId(n.deploymentId)
                .setAttempts(1)
                .build();
    }

    public NotificationView toView(NotificationEntity n) {
        return new NotificationView(n.id.toString(), n.projectId, n.environment, n.deploymentId, n.kind, n.title,
                n.detail, n.url, n.occurredAt);
    }

    private static NotificationEntity base(NotificationKind kind, String projectId, String environment,
            String deploymentId) {
        NotificationEntity n = new NotificationEntity();
        n.kind = kind.wire();
        n.projectId = projectId;
        n.environment = environment;
        n.deploymentId = deploymentId;
        return n;
    }
}
