package dev.shiplog.notification.service;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.delivery.Attempts;
import dev.shiplog.notification.repository.DeliveryStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends the queued deliveries. One loop per instance claims due deliveries from the database ({@code select ... for
 * update skip locked}, under a lease: {@link DeliveryStore#claim}): only the oldest unfinished delivery of each
 * subscription, so a receiver gets its notifications in order and a slow or dead one holds up only its own queue; at
 * most {@code shiplog.delivery.concurrency} in flight on this instance. Each claimed delivery goes to a sender thread
 * ({@link DeliverySender}: one attempt, recorded). Two instances never send the same delivery at once; one whose
 * instance died is due again when its lease runs out ({@link Attempts#lease}). That is the one case where a receiver
 * may get a delivery twice: it answered, and the instance died before recording it; the delivery id is the same for
 * every attempt, so a receiver that drops what it has seen gets each notification exactly once. On a clean stop,
 * what is in flight is finished and recorded first.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore store;
    private final DeliverySender sender;
    private final NotificationServiceConfig.Delivery config;
    private final Semaphore slots;
    private final ExecutorService senders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition due = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread loop;

    public DeliveryDispatcher(DeliveryStore store, DeliverySender sender, NotificationServiceConfig config) {
        this.store = store;
        this.sender = sender;
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
        long leaseMillis = Attempts.lease(config.timeout()).toMillis();
        long pauseMillis = config.poll().toMillis();
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    List<DeliveryStore.Claimed> claimed = QuarkusTransaction.requiringNew()
                            .call(() -> store.claim(free, leaseMillis));
                    for (DeliveryStore.Claimed c : claimed) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                sender.send(c);
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

    /** Waits until woken, or {@code millis} at most (the poll: deliveries come due with time too). */
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
}
