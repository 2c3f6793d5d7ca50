package dev.shiplog.notification.service;

import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.notification.channel.EmailChannel;
import dev.shiplog.notification.channel.HttpChannel;
import dev.shiplog.notification.channel.Outbound;
import dev.shiplog.notification.channel.SendResult;
import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.DeliveryView;
import dev.shiplog.notification.domain.Notification;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.repository.DeliveryStore;
import dev.shiplog.notification.repository.NotificationEntity;
import dev.shiplog.notification.repository.SubscriptionEntity;
import dev.shiplog.schema.common.SealedSecret;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends the queued deliveries. One loop per instance claims due deliveries (at most one in flight per subscription,
 * so a slow or dead receiver holds up only its own queue, and at most {@code shiplog.delivery.concurrency} in all),
 * hands each to a sender thread, and records every attempt: delivered; failed and due again after a backoff; or,
 * after the subscription's last attempt (or an answer that retrying cannot change), dead-lettered until someone
 * sends it again by hand. The claim is a lease in the database: two instances never send the same delivery at once,
 * and one whose instance died is due again when its lease runs out (the timeout and a little more). That is the one
 * case where a receiver may get a delivery twice: it answered, and the instance died before recording it. The
 * delivery id ({@code Shiplog-Delivery}, and {@code deliveryId} in the body) is the same for every attempt, so a
 * receiver that drops what it has seen gets each notification exactly once. On a clean stop, what is in flight is
 * finished and recorded first.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final Subscriptions subscriptions;
    private final HttpChannel http;
    private final EmailChannel email;
    private final SecretBox secrets;
    private final NotificationServiceConfig.Delivery config;
    private final Semaphore slots;
    private final ExecutorService senders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread loop;

    public DeliveryDispatcher(DeliveryStore store, Subscriptions subscriptions, HttpChannel http, EmailChannel email,
            SecretBox secrets, NotificationServiceConfig config) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.http = http;
        this.email = email;
        this.secrets = secrets;
        this.config = config.delivery();
        this.slots = new Semaphore(this.config.concurrency());
        this.senders = Executors.newFixedThreadPool(this.config.concurrency(), r -> {
            Thread t = new Thread(r, "delivery-sender");
            t.setDaemon(true);
            return t;
        });
    }

    void start(@Observes StartupEvent started) {
        running = true;
        loop = new Thread(this::run, "delivery-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
        senders.shutdown();
        try {
            // what is in flight finishes and is recorded: a clean restart sends nothing twice
            senders.awaitTermination(config.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Something may be due now (a new delivery, a freed slot, a resumed subscription). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            due.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long pauseMillis = config.poll().toMillis();
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    List<DeliveryStore.Claimed> claimed = QuarkusTransaction.requiringNew()
                            .call(() -> store.claim(free, lease().toMillis()));
                    for (DeliveryStore.Claimed c : claimed) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                send(c);
                            } finally {
                                slots.release();
                                wake();
                            }
                        });
                    }
                    if (!claimed.isEmpty()) {
                        continue; // there may be more
                    }
                }
                pauseMillis = config.poll().toMillis();
            } catch (RuntimeException e) {
                // the database away: wait it out, a little longer each time
                LOG.warnf("deliveries: cannot claim (%s); trying again", e.toString());
                pauseMillis = Math.min(5000, pauseMillis * 2);
            }
            await(pauseMillis);
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            if (!woken) {
                due.await(millis, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** How long a claim holds: the receiver's time to answer, and a margin to record it. */
    Duration lease() {
        return config.timeout().plusSeconds(5);
    }

    private void send(DeliveryStore.Claimed c) {
        Instant started = Instant.now();
        SendResult result;
        int maxAttempts;
        try {
            Object[] loaded = QuarkusTransaction.requiringNew().call(() -> new Object[] {
                    SubscriptionEntity.findById(c.subscriptionId()), NotificationEntity.findById(c.notificationId()) });
            SubscriptionEntity s = (SubscriptionEntity) loaded[0];
            NotificationEntity n = (NotificationEntity) loaded[1];
            if (s == null || n == null) {
                record(c, started, SendResult.failed(null, s == null ? "the subscription is gone"
                        : "the notification is gone", false, null, 0), DeliveryView.DEAD, null);
                return;
            }
            maxAttempts = s.maxAttempts;
            result = send(s, n.toDomain(), c);
        } catch (RuntimeException e) {
            LOG.warnf("delivery %s: %s; its lease runs out and it is tried again", c.id(), e.toString());
            return;
        }
        String state;
        Instant next = null;
        if (result.delivered()) {
            state = DeliveryView.DELIVERED;
        } else if (result.retryable() && c.sinceResend() < maxAttempts) {
            state = DeliveryView.PENDING;
            next = Instant.now().plus(Backoff.after(c.sinceResend(), config.initialBackoff(), config.maxBackoff(),
                    result.retryAfter()));
        } else {
            state = DeliveryView.DEAD;
        }
        record(c, started, result, state, next);
    }

    private SendResult send(SubscriptionEntity s, Notification n, DeliveryStore.Claimed c) {
        Subscription view = subscriptions.toDomain(s);
        List<String> keys = new ArrayList<>();
        if (Subscription.WEBHOOK.equals(s.channel)) {
            try {
                SealedSecret current = subscriptions.sealed(s.secretJson);
                if (current == null) {
                    return SendResult.failed(null, "the webhook has no signing secret", false, null, 0);
                }
                keys.add(secrets.open(current));
                SealedSecret previous = subscriptions.sealed(s.previousSecretJson);
                if (previous != null && s.previousSecretUntil != null && s.previousSecretUntil.isAfter(Instant.now())) {
                    keys.add(secrets.open(previous));
                }
            } catch (RuntimeException e) {
                return SendResult.failed(null, "the signing secret does not open here (" + e.getMessage() + ")",
                        false, null, 0);
            }
        }
        Outbound out = new Outbound(c.id().toString(), c.attempt(), s.id, s.channel, s.url, view.emails(), keys, n);
        return Subscription.EMAIL.equals(s.channel) ? email.send(out) : http.send(out);
    }

    private void record(DeliveryStore.Claimed c, Instant started, SendResult result, String state, Instant next) {
        Instant deadline = Instant.now().plus(lease());
        long pause = 100;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> store.record(c, started, result.latencyMs(),
                        result.status(), result.error(), state, next));
                return;
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    LOG.errorf("delivery %s: its attempt %d (%s) could not be recorded (%s); its lease runs out and"
                            + " it is sent again", c.id(), c.attempt(), state, e.toString());
                    return;
                }
                try {
                    Thread.sleep(pause); // the database away for a moment: try again before the lease runs out
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(2000, pause * 2);
            }
        }
    }
}
