package dev.shiplog.notification.service;

import dev.shiplog.notification.channel.EmailChannel;
import dev.shiplog.notification.channel.HttpChannel;
import dev.shiplog.notification.channel.Outbound;
import dev.shiplog.notification.channel.SendResult;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.domain.delivery.Answer;
import dev.shiplog.notification.domain.delivery.Attempts;
import dev.shiplog.notification.domain.delivery.Backoff;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.repository.SubscriptionStore;
import dev.shiplog.schema.common.SealedSecret;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * One attempt of a claimed delivery: what it carries and where it goes are loaded, the attempt is made if the
 * subscription allows one more ({@link Attempts#mayAttempt}), signed with the secrets that sign now, through its
 * channel (webhook and chat over HTTP, email over SMTP), and recorded with what becomes of the delivery
 * ({@link Attempts#next}): delivered, due again after the backoff, or dead.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);

    private final SubscriptionStore subscriptions;
    private final WebhookSecrets secrets;
    private final HttpChannel http;
    private final EmailChannel email;
    private final DeliveryRecords records;
    private final Backoff backoff;

    public DeliverySender(SubscriptionStore subscriptions, WebhookSecrets secrets, HttpChannel http,
            EmailChannel email, DeliveryRecords records, NotificationServiceConfig config) {
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.http = http;
        this.email = email;
        this.records = records;
        this.backoff = new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff());
    }

    /** What an attempt needs from the database: the subscription and the notification (empty: gone). */
    record Loaded(Optional<SubscriptionState> subscription, Optional<Notification> notification) {
    }

    void send(DeliveryStore.Claimed c) {
        Instant started = Instant.now();
        SendResult result;
        int maxAttempts;
        try {
            Loaded loaded = QuarkusTransaction.requiringNew().call(() -> new Loaded(subscriptions.find(
                    c.subscriptionId()), Optional.ofNullable(NotificationEntity.<NotificationEntity>findById(
                            c.notificationId())).map(NotificationEntity::toDomain)));
            if (loaded.subscription().isEmpty() || loaded.notification().isEmpty()) {
                notMade(c, started, Answer.fail(loaded.subscription().isEmpty() ? "the subscription is gone"
                        : "the notification is gone"));
                return;
            }
            maxAttempts = loaded.subscription().get().subscription().maxAttempts();
            if (!Attempts.mayAttempt(c.sinceResend(), maxAttempts)) {
                notMade(c, started, Attempts.noAttemptLeft(c.sinceResend(), maxAttempts));
                return;
            }
            result = send(loaded.subscription().get(), loaded.notification().get(), c);
        } catch (RuntimeException e) {
            LOG.warnf("delivery %s: %s; its lease runs out and it is tried again", c.id(), e.toString());
            return;
        }
        records.record(c, started, result, Attempts.next(result.answer(), c.sinceResend(), maxAttempts, Instant.now(),
                backoff, ThreadLocalRandom.current().nextDouble()));
    }

    private void notMade(DeliveryStore.Claimed c, Instant started, Answer reason) {
        records.record(c, started, SendResult.of(reason, 0), Attempts.notMade(reason));
    }

    private SendResult send(SubscriptionState state, Notification n, DeliveryStore.Claimed c) {
        Subscription s = state.subscription();
        List<String> keys = List.of();
        if (Subscription.WEBHOOK.equals(s.channel())) {
            List<SealedSecret> signing = state.keys().signing(Instant.now());
            if (signing.isEmpty()) {
                return SendResult.of(Answer.fail("the webhook has no signing secret"), 0);
            }
            try {
                keys = secrets.open(signing);
            } catch (RuntimeException e) {
                return SendResult.of(Answer.fail("the signing secret does not open here (" + e.getMessage() + ")"),
                        0);
            }
        }
        Outbound out = new Outbound(c.id().toString(), c.attempt(), s.id(), s.channel(), s.url(), s.emails(), keys,
                n);
        try {
            return Subscription.EMAIL.equals(s.channel()) ? email.send(out) : http.send(out);
        } catch (RuntimeException e) {
            // whatever a channel throws ends this attempt as a failed one: the delivery is retried or dies, never stuck
            LOG.warnf("delivery %s: its channel failed: %s", c.id(), e.toString());
            return SendResult.of(Answer.channelFailed(e.getMessage()), 0);
        }
    }
}
