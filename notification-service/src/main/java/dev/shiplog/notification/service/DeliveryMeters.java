package dev.shiplog.notification.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The deliveries in numbers, on /q/metrics: {@code shiplog_deliveries} by state ({@code pending}, {@code sending},
 * {@code delivered}, {@code dead}), every subscription's. Counted every 10 s, not at each scrape.
 */
@ApplicationScoped
public class DeliveryMeters {

    private static final Logger LOG = Logger.getLogger(DeliveryMeters.class);
    static final List<String> STATES = List.of("pending", "sending", "delivered", "dead");

    private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
    private final EntityManager em;

    public DeliveryMeters(MeterRegistry registry, EntityManager em) {
        this.em = em;
        for (String state : STATES) {
            AtomicLong count = byState.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("shiplog.deliveries", count, AtomicLong::get).tag("state", state)
                    .description("deliveries of notifications to subscriptions, by state").register(registry);
        }
    }

    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Map<String, Long> counted = new java.util.HashMap<>();
                for (Object row : em.createNativeQuery("select state, count(*) from delivery group by state")
                        .getResultList()) {
                    Object[] columns = (Object[]) row;
                    counted.put((String) columns[0], ((Number) columns[1]).longValue());
                }
                byState.forEach((state, count) -> count.set(counted.getOrDefault(state, 0L)));
            });
        } catch (RuntimeException e) {
            LOG.debugf("delivery counts not taken: %s", e.getMessage()); // an outage: the next round counts
        }
    }
}
