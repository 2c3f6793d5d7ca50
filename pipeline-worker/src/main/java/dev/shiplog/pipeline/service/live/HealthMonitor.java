package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.domain.health.Check;
import dev.shiplog.pipeline.domain.health.HealthRule;
import dev.shiplog.pipeline.messaging.outgoing.EnvironmentEventsLog;
import dev.shiplog.pipeline.repository.EnvironmentHealthEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.repository.RoundLeases;
import dev.shiplog.pipeline.runtime.HealthProbe;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.environment.EnvironmentHealth;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Live health ({@link HealthRule}): every {@code shiplog.health.interval}, the live release of each environment is
 * checked on its health path, all at once, with a deadline. An {@code EnvironmentHealthChanged} is written (through
 * the outbox, with the status it records) when the status changes, not on each check. One instance checks at a time
 * (a round lease, renewed each round and taken over when its holder stops); the checks run outside any transaction.
 */
@ApplicationScoped
public class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);
    static final String ROUND = "health";

    private final PipelineConfig config;
    private final EventPublisher events;
    private final Outbox outbox;
    private final HealthProbe probe;
    private final ReleaseStore releases;
    private final RoundLeases leases;
    private final WorkerIdentity self;

    public HealthMonitor(PipelineConfig config, @EnvironmentEventsLog EventPublisher events, Outbox outbox,
            HealthProbe probe, ReleaseStore releases, RoundLeases leases, WorkerIdentity self) {
        this.config = config;
        this.events = events;
        this.outbox = outbox;
        this.probe = probe;
        this.releases = releases;
        this.leases = leases;
        this.self = self;
    }

    @Scheduled(every = "${shiplog.health.interval}", delay = 5, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        try {
            Duration lease = config.health().interval().multipliedBy(3).plusSeconds(5);
            List<ReleaseEntity> live = QuarkusTransaction.requiringNew().call(() -> leases.take(ROUND, self.id(),
                    lease) ? releases.liveReleases() : List.<ReleaseEntity>of());
            if (live.isEmpty()) {
                return;
            }
            Duration slow = config.health().slowAfter();
            List<CompletableFuture<HealthProbe.Result>> probes = live.stream()
                    .map(r -> probe.probe(r.environmentUrl + (r.healthPath == null ? "/" : r.healthPath).substring(1),
                            slow.plusSeconds(3)))
                    .toList();
            Map<EnvironmentRef, Check> checks = new HashMap<>();
            for (int i = 0; i < live.size(); i++) {
                checks.put(EnvironmentRef.of(live.get(i).projectId, live.get(i).environment),
                        probes.get(i).join().check(slow));
            }
            QuarkusTransaction.requiringNew().run(() -> record(live, checks));
        } catch (RuntimeException e) {
            LOG.debugf("health checks skipped this round: %s", Failures.rootMessage(e));
        }
    }

    /** Records each check: a new live release starts with a clean record; a change of status goes on the log. */
    private void record(List<ReleaseEntity> live, Map<EnvironmentRef, Check> checks) {
        Map<EnvironmentRef, EnvironmentHealthEntity> rows = new HashMap<>();
        EnvironmentHealthEntity.<EnvironmentHealthEntity>listAll().forEach(row -> rows.put(row.ref(), row));
        for (ReleaseEntity release : live) {
            EnvironmentRef ref = EnvironmentRef.of(release.projectId, release.environment);
            EnvironmentHealthEntity row = rows.get(ref);
            if (row == null) {
                row = new EnvironmentHealthEntity();
                row.projectId = release.projectId;
                row.environment = release.environment;
            }
            if (!release.deploymentId.equals(row.deploymentId)) {
                row.deploymentId = release.deploymentId;
                row.failures = 0;
            }
            Check check = checks.get(ref);
            EnvironmentHealth status = HealthRule.next(check, row.failures, config.health().downAfter());
            row.failures = HealthRule.failuresAfter(check, row.failures);
            String name = status.name().toLowerCase(Locale.ROOT);
            if (!name.equals(row.status)) {
                String url = release.environmentUrl;
                outbox.add(events, ref.key(), EnvironmentHealthChanged.newBuilder()
                        .setEnvelope(Envelopes.root(DeploymentEvents.ACTOR, ref.key(), null))
                        .setProjectId(release.projectId).setEnvironment(release.environment).setStatus(status)
                        .setReason(check.healthy() ? null : url + ": " + check.problem())
                        .setDeploymentId(release.deploymentId).build());
                LOG.infof("%s is %s%s", ref, name, check.healthy() ? "" : ": " + check.problem());
                row.status = name;
                row.changedAt = Instant.now();
            }
            row.persist();
        }
    }
}
