package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.NotificationKind;
import dev.shiplog.notification.mapping.NotificationMapper;
import dev.shiplog.notification.messaging.outgoing.NotificationEventsLog;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.repository.SubscriptionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.UUID;

/**
 * Records a notification in its project's feed, announces it (NotificationDelivered, channel in-app) and queues its
 * delivery to every subscription that wants it, all in the transaction that applies the triggering event: a
 * notification is never recorded without its deliveries, nor delivered without being recorded. Each thing is said
 * once: the same notification seen again (a duplicate on the log) queues nothing more.
 *
 * <p>The announcement is at-least-once (published before the commit; readers drop it by notification id). Replayed
 * into a rebuilt feed, nothing is announced or queued again: the deliveries are carried over.
 */
@ApplicationScoped
public class Notifier {

    private final EventPublisher events;
    private final NotificationMapper mapper;
    private final DeliveryStore deliveries;
    private final Subscriptions subscriptions;
    private final DeliveryDispatcher dispatcher;
    private final TransactionSynchronizationRegistry transactions;

    public Notifier(@NotificationEventsLog EventPublisher events, NotificationMapper mapper, DeliveryStore deliveries,
            Subscriptions subscriptions, DeliveryDispatcher dispatcher,
            TransactionSynchronizationRegistry transactions) {
        this.events = events;
        this.mapper = mapper;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
    }

    public void notify(List<Notification> made, Delivery delivery) {
        boolean queued = false;
        for (Notification n : made) {
            NotificationEntity recorded = NotificationEntity.findById(UUID.fromString(n.id()));
            boolean fresh = recorded == null;
            if (fresh) {
                if (NotificationKind.ofWire(n.kind()).end() && n.deploymentId() != null
                        && NotificationEntity.endNotified(n.deploymentId())) {
                    continue; // a deployment ends once: its first end was notified
                }
                // flushed now, so that a database failure stops the handler before anything is published
                NotificationEntity.of(n, delivery.envelope().getEventId(), delivery.type()).persistAndFlush();
            }
            if (delivery.replay()) {
                continue;
            }
            if (fresh) {
                for (SubscriptionEntity s : SubscriptionEntity.ofProject(n.projectId())) {
                    if (subscriptions.toDomain(s).wants(n.kind(), n.environment())) {
                        deliveries.queue(n.id(), s.id);
                        queued = true;
                    }
                }
            }
            // recorded already (its processed_event row was lost, or a duplicate): announced again, same id
            events.publish(n.id(), mapper.toDelivered(n, delivery.envelope(), delivery.type()));
        }
        if (queued) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        dispatcher.wake();
                    }
                }
            });
        }
    }
}
