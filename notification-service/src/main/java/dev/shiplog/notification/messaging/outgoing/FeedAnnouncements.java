package dev.shiplog.notification.messaging.outgoing;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.notification.NotificationDelivered;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place {@code NotificationDelivered} (channel in-app: the notification reached its project's feed) is
 * written, keyed by notification id. It is published inside the transaction that records the notification, waiting
 * for the broker's acknowledgement before that transaction commits: at least once (a crash before the commit
 * publishes it again, with the same notification id, which readers drop), never lost. A transactional outbox in
 * service-kit is to replace this.
 */
@ApplicationScoped
public class FeedAnnouncements {

    static final String SERVICE = "notification-service";

    private final EventPublisher events;

    public FeedAnnouncements(@NotificationEventsLog EventPublisher events) {
        this.events = events;
    }

    /** Announces that {@code n} is in the feed, caused by the event {@code trigger} of type {@code triggerType}. */
    public void announce(Notification n, Envelope trigger, String triggerType) {
        events.publish(n.id(), delivered(n, trigger, triggerType));
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
