package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.NotificationKind;
import dev.shiplog.notification.mapping.NotificationMapper;
import dev.shiplog.notification.messaging.outgoing.NotificationEventsLog;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The in-app channel: records what a deployment event says in its project's feed and announces it
 * (NotificationDelivered). Each thing is said once per deployment: the same request or end seen again (a duplicate
 * on the log) adds nothing, and a deployment's first end is its only one in the feed.
 *
 * <p>Publication is at-least-once: the event is published (and acknowledged by the broker) before the transaction
 * commits. If the service dies between the two, the trigger is redelivered and the same NotificationDelivered, with
 * the same notification id, is published again; readers drop it by id. Replayed into a rebuilt feed, nothing is
 * announced again.
 */
@ApplicationScoped
public class FeedNotifier implements Projection {

    private static final Logger LOG = Logger.getLogger(FeedNotifier.class);

    private final EventPublisher events;
    private final NotificationMapper mapper;

    public FeedNotifier(@NotificationEventsLog EventPublisher events, NotificationMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    @Override
    public String consumer() {
        return "notification-service.feed";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        Optional<Notification> made = mapper.toInApp(delivery.event(), delivery.envelope());
        if (made.isEmpty()) {
            LOG.debugf("feed ignores %s", delivery.type());
            return;
        }
        Notification n = made.get();
        NotificationEntity recorded = NotificationEntity.findById(java.util.UUID.fromString(n.id()));
        if (recorded == null) {
            if (NotificationKind.valueOf(n.kind().toUpperCase(java.util.Locale.ROOT)).end()
                    && NotificationEntity.endNotified(n.deploymentId())) {
                return; // a deployment ends once: its first end was notified
            }
            // flushed now, so that a database failure stops the handler before anything is published
            NotificationEntity.of(n, delivery.envelope().getEventId(), delivery.type()).persistAndFlush();
        }
        if (!delivery.replay()) {
            // recorded already (its processed_event row was lost, or a duplicate): announced again, same id
            events.publish(n.id(), mapper.toDelivered(n, delivery.envelope(), delivery.type()));
        }
    }
}
