package dev.shiplog.notification.messaging.outgoing;

import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.notification.domain.SubscriptionChange;
import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import dev.shiplog.schema.notification.SubscriptionDeleted;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The subscriptions' events on {@code shiplog.notification.events}, keyed by subscription id (each one's story in
 * order), acknowledged by the broker before a call returns.
 */
@ApplicationScoped
public class SubscriptionLog {

    private final EventPublisher events;

    public SubscriptionLog(@NotificationEventsLog EventPublisher events) {
        this.events = events;
    }

    /** An event written: the event, and where it is on the log (null: not known). */
    public record Written(SubscriptionConfigured event, LogPosition position) {
    }

    /** Subscription {@code id} of {@code projectId} is now {@code c}, signing with {@code keys}, as {@code actor} says. */
    public Written configured(String projectId, String id, SubscriptionChange c, SigningKeys keys, Actor actor) {
        SubscriptionConfigured event = SubscriptionConfigured.newBuilder().setEnvelope(Envelopes.root(actor, id, null))
                .setSubscriptionId(id).setProjectId(projectId).setName(c.name()).setChannel(c.channel())
                .setUrl(c.url()).setEmails(c.emails()).setEnvironments(c.environments()).setKinds(c.kinds())
                .setPaused(c.paused()).setMaxAttempts(c.maxAttempts()).setSecret(keys.current())
                .setPreviousSecret(keys.previous()).setPreviousSecretUntil(keys.previousUntil()).build();
        return new Written(event, events.publish(id, event));
    }

    /** Subscription {@code id} of {@code projectId} is deleted, as {@code actor} says. */
    public LogPosition deleted(String projectId, String id, Actor actor) {
        return events.publish(id, SubscriptionDeleted.newBuilder().setEnvelope(Envelopes.root(actor, id, null))
                .setSubscriptionId(id).setProjectId(projectId).build());
    }
}
