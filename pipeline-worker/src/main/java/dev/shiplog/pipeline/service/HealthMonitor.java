package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.lane.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.pipeline.repository.EnvironmentHealthEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Live health: every {@code shiplog.health.interval}, the live release of each environment is checked on its health
 * path. A check that answers below 400 in time makes the environment {@code healthy}; one that answers slowly
 * ({@code shiplog.health.slow-after}) or fails makes it {@code degraded}, and {@code shiplog.health.down-after}
 * failures in a row {@code down}. An {@code EnvironmentHealthChanged} is written when the status changes, not on
 * each check. One instance checks at a time (a PostgreSQL advisory lock for the round), so two workers publish each
 * change once; the status last published is kept in {@code environment_health}, in the same transaction.
 */
@ApplicationScoped
public class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);
    /** The advisory lock of a round of checks. */
    static final long LOCK = 0x5368_6970_4865_616cL; // "ShipHeal"

    private final PipelineConfig config;
    private final EventPublisher events;
    private final EntityManager em;
    private final Runtime runtime;
    private final ReleaseStore releases;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HealthMonitor(PipelineConfig config, @EnvironmentEventsLog EventPublisher events, EntityManager em,
            Runtime runtime, ReleaseStore releases) {
        this.config = config;
        this.events = events;
        this.em = em;
        this.runtime = runtime;
        this.releases = releases;
    }

    /** A check's result: null problem when healthy. */
    record Check(String problem, boolean failed) {
    }

    /** The status after a check, given the failures in a row before it (pure: tested on its own). */
    static EnvironmentHealth next(Check check, int failuresBefore, int downAfter) {
        if (check.problem() == null) {
            return EnvironmentHealth.HEALTHY;
        }
        if (!check.failed()) {
            return EnvironmentHealth.DEGRADED; // answered, slowly
        }
        return failuresBefore + 1 >= downAfter ? EnvironmentHealth.DOWN : EnvironmentHealth.DEGRADED;
    }

    @Scheduled(every = "${shiplog.health.interval}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        try {
            QuarkusTransaction.requiringNew().timeout(120).run(this::checkAll);
        } catch (RuntimeException e) {
            LOG.debugf("health checks skipped this round: %s", Failures.rootMessage(e));
        }
    }

    private void checkAll() {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return; // another instance checks this round
        }
        List<ReleaseEntity> live = releases.environmentsWithReleases(); // one query, not one per environment
        Map<EnvironmentHealthEntity.Key, EnvironmentHealthEntity> rows = new HashMap<>();
        EnvironmentHealthEntity.<EnvironmentHealthEntity>listAll()
                .forEach(row -> rows.put(new EnvironmentHealthEntity.Key(row.projectId, row.environment), row));
        List<CompletableFuture<Check>> checks = live.stream().map(this::check).toList();
        for (int i = 0; i < live.size(); i++) {
            ReleaseEntity release = live.get(i);
            record(release, rows.get(new EnvironmentHealthEntity.Key(release.projectId, release.environment)),
                    checks.get(i).join());
        }
    }

    /** Checks the release's health path through the runtime (not the gateway), concurrently with the others. */
    private CompletableFuture<Check> check(ReleaseEntity release) {
        String path = release.healthPath == null ? "/" : release.healthPath;
        String url = runtime.probeUrl(release.environmentUrl + path.substring(1));
        Duration slow = config.health().slowAfter();
        long started = System.nanoTime();
        try {
            return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(slow.plusSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).handle((answer, error) -> {
                        if (error != null) {
                            return new Check(url + ": " + Failures.rootMessage(error), true);
                        }
                        if (answer.statusCode() >= 400) {
                            return new Check(url + " answered " + answer.statusCode(), true);
                        }
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        return millis > slow.toMillis()
                                ? new Check(url + " answered in " + millis + " ms (slow)", false)
                                : new Check(null, false);
                    });
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Check(url + ": " + e.getMessage(), true));
        }
    }

    /** Records the check of {@code release}'s environment, whose health so far is {@code row} (null: none yet). */
    private void record(ReleaseEntity release, EnvironmentHealthEntity row, Check check) {
        boolean fresh = row == null;
        if (fresh) {
            row = new EnvironmentHealthEntity();
            row.projectId = release.projectId;
            row.environment = release.environment;
        }
        if (fresh || !release.deploymentId.equals(row.deploymentId)) {
            row.deploymentId = release.deploymentId; // a new live release starts with a clean record
            row.failures = 0;
        }
        EnvironmentHealth status = next(check, row.failures, config.health().downAfter());
        row.failures = check.problem() != null && check.failed() ? row.failures + 1 : 0;
        String name = status.name().toLowerCase(Locale.ROOT);
        if (!name.equals(row.status)) {
            String key = Topics.environmentKey(release.projectId, release.environment);
            events.publish(key, EnvironmentHealthChanged.newBuilder()
                    .setEnvelope(Envelopes.root(DeploymentEvents.ACTOR, key, null))
                    .setProjectId(release.projectId).setEnvironment(release.environment).setStatus(status)
                    .setReason(check.problem()).setDeploymentId(release.deploymentId).build());
            LOG.infof("%s/%s is %s%s", release.projectId, release.environment, name,
                    check.problem() == null ? "" : ": " + check.problem());
            row.status = name;
            row.changedAt = Instant.now();
        }
        row.persist();
    }
}
