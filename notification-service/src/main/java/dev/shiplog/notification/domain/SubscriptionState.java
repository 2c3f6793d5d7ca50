package dev.shiplog.notification.domain;

import dev.shiplog.notification.domain.signature.SigningKeys;
import dev.shiplog.schema.notification.SubscriptionConfigured;
import java.time.Instant;

/** A subscription as this service keeps it: what the API shows, and the sealed secrets it signs with. */
public record SubscriptionState(Subscription subscription, SigningKeys keys) {

    /** What {@code event}, which happened at {@code at}, says the subscription is (made, or changed, then). */
    public static SubscriptionState of(SubscriptionConfigured event, Instant at) {
        return new SubscriptionState(new Subscription(event.getSubscriptionId(), event.getProjectId(), event.getName(),
                event.getChannel(), event.getUrl(), event.getEmails(), event.getEnvironments(), event.getKinds(),
                event.getPaused(), event.getMaxAttempts(), event.getSecret() != null, event.getPreviousSecretUntil(),
                at, at), new SigningKeys(event.getSecret(), event.getPreviousSecret(), event.getPreviousSecretUntil()));
    }
}
