package dev.shiplog.notification.messaging.outgoing;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.notification.NotificationDelivered;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place {@code NotificationDelivered} (channel in-app: the notification reached its project's feed) is
 * written, keyed by notification id: into the outbox, in the transaction that records the notification, so it
 * reaches the log exactly once after that transaction commits, whatever instant the service dies.
 */
@ApplicationScoped
public class FeedAnnouncements {

    static final String SERVICE = "notification-service";

    private final EventPublisher events;
    private final Outbox outbox;

    public FeedAnnouncements(@NotificationEventsLog EventPublisher events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    /** Announces that {@code n} is in the feed, caused by the event {@code trigger} of type {@code triggerType}. */
    public void announce(Notification n, Envelope trigger, String triggerType) {
        outbox.add(events, n.id(), delivered(n, trigger, triggerType));
    }

    static NotificationDelivered delivered(Notification n, Envelope trigger, String triggerType) {
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
}
