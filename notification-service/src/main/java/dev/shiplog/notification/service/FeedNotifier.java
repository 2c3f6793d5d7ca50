package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.mapping.NotificationMapper;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * The in-app channel: records a deployment event's notification in the feed and publishes NotificationDelivered.
 *
 * <p>Publication is at-least-once: the event is published (and acknowledged by the broker) before the caller's
 * transaction commits. If the service dies between the two, the triggering event is redelivered and the same
 * NotificationDelivered, with the same deterministic notification id, is published again; readers drop it by id.
 */
@ApplicationScoped
public class FeedNotifier {

    private static final Logger LOG = Logger.getLogger(FeedNotifier.class);

    private final EventPublisher events;
    private final NotificationMapper mapper;

    public FeedNotifier(@Channel("notification-events-out") MutinyEmitter<SpecificRecord> emitter,
            NotificationServiceConfig config, NotificationMapper mapper) {
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.mapper = mapper;
    }

    /** Notifies the feed of {@code event}, if it is one the feed shows; runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notify(SpecificRecord event, Envelope envelope) {
        Optional<NotificationEntity> notification = mapper.toInApp(event, envelope, Instant.now());
        if (notification.isEmpty()) {
            LOG.debugf("feed ignores %s", event.getSchema().getName());
            return;
        }
        NotificationEntity n = notification.get();
        NotificationEntity recorded = NotificationEntity.findById(n.id);
        if (recorded == null) {
            // flushed now, so that a database failure stops the handler before anything is published
            n.persistAndFlush();
        } else {
            n = recorded; // recorded already (its processed_event row was lost): publish it again, same id
        }
        events.publish(n.id.toString(), mapper.toDelivered(n, envelope));
    }
}
