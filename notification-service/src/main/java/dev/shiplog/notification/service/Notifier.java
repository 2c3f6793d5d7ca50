package dev.shiplog.notification.service;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.tx.AfterCommit;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.NotificationRules;
import dev.shiplog.notification.messaging.outgoing.FeedAnnouncements;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.repository.SubscriptionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.UUID;

/**
 * Records an event's notifications in their project's feed, queues a delivery to every subscription that receives
 * each ({@link NotificationRules}) and announces it ({@link FeedAnnouncements}), all in the transaction that applies
 * the triggering event: a notification is never recorded without its deliveries, nor delivered without being
 * recorded. The same notification seen again queues nothing more.
 *
 * <p>Replayed into a rebuilt feed, nothing is announced or queued again: the deliveries are carried over.
 */
@ApplicationScoped
public class Notifier {

    private final FeedAnnouncements announcements;
    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final DeliveryDispatcher dispatcher;
    private final TransactionSynchronizationRegistry transactions;

    public Notifier(FeedAnnouncements announcements, DeliveryStore deliveries, SubscriptionStore subscriptions,
            DeliveryDispatcher dispatcher, TransactionSynchronizationRegistry transactions) {
        this.announcements = announcements;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
    }

    /** Applies what {@code delivery}'s event says: its notifications ({@link NotificationRules#of}). */
    public void notify(Delivery delivery) {
        boolean queued = false;
        for (Notification n : NotificationRules.of(delivery.event(), delivery.envelope())) {
            boolean recorded = NotificationEntity.findById(UUID.fromString(n.id())) != null;
            NotificationRules.Recording recording = NotificationRules.recording(n, recorded,
                    () -> NotificationEntity.endNotified(n.deploymentId()));
            if (recording == NotificationRules.Recording.SKIP) {
                continue;
            }
            if (recording == NotificationRules.Recording.RECORD) {
                // flushed now, so that a database failure stops the handler before anything is published
                NotificationEntity.of(n, delivery.envelope().getEventId(), delivery.type()).persistAndFlush();
            }
            if (delivery.replay()) {
                continue;
            }
            if (recording == NotificationRules.Recording.RECORD) {
                for (String subscription : NotificationRules.receivers(n, subscriptions.ofProject(n.projectId()))) {
                    deliveries.queue(n.id(), subscription);
                    queued = true;
                }
            }
            // recorded already (its processed_event row was lost, or a duplicate): announced again, same id
            announcements.announce(n, delivery.envelope(), delivery.type());
        }
        if (queued) {
            wakeAfterCommit();
        }
    }

    /** The dispatcher looks for due deliveries once they are committed. */
    private void wakeAfterCommit() {
        AfterCommit.run(transactions, dispatcher::wake);
    }
}
