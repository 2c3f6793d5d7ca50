package dev.shiplog.pipeline.service.upkeep;

import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The lanes in numbers, on /q/metrics: {@code shiplog_lane_deployments} by state ({@code awaiting} an approval,
 * {@code queued}, {@code running}: every lane's, the same on every worker) and {@code shiplog_deployments_running}
 * (those this worker runs). Counted every 10 s, not at each scrape: a scrape never waits on the database.
 */
@ApplicationScoped
public class WorkerMeters {

    private static final Logger LOG = Logger.getLogger(WorkerMeters.class);
    static final List<String> STATES = List.of("awaiting", "queued", "running");

    private final Map<String, AtomicLong> byState = new ConcurrentHashMap<>();
    private final AtomicLong here = new AtomicLong();
    private final WorkerIdentity self;

    public WorkerMeters(MeterRegistry registry, WorkerIdentity self) {
        this.self = self;
        for (String state : STATES) {
            AtomicLong count = byState.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("shiplog.lane.deployments", count, AtomicLong::get).tag("state", state)
                    .description("deployments in the lanes, by state").register(registry);
        }
        Gauge.builder("shiplog.deployments.running", here, AtomicLong::get)
                .description("deployments this worker is running now").register(registry);
    }

    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (String state : STATES) {
                    byState.get(state).set(LaneEntryEntity.count("state", state));
                }
                here.set(LaneEntryEntity.count("state = 'running' and owner = ?1", self.id()));
            });
        } catch (RuntimeException e) {
            LOG.debugf("lane counts not taken: %s", e.getMessage()); // an outage: the next round counts
        }
    }
}
