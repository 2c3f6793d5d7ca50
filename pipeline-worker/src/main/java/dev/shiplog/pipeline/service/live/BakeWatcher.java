package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.domain.health.Bake;
import dev.shiplog.pipeline.domain.health.Check;
import dev.shiplog.pipeline.mapping.Requests;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.repository.RoundLeases;
import dev.shiplog.pipeline.runtime.HealthProbe;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.rules.ReleaseLine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The bake period ({@link Bake}): a new live release is watched on its environment's URL (its health path) for the
 * time its environment asks ({@code bakeSeconds}, else {@code shiplog.bake.period}). One instance watches at a time
 * (a round lease); the failed checks in a row are counted in the database, so another instance goes on counting
 * after a failover. Its verdict is on the log ({@code ReleaseBaked}, through the outbox); a failed release is rolled
 * back by the platform itself to the release before it ({@link ReleaseLine}): a rollback deployment requested in the
 * same transaction as the verdict (so once), whose id is derived from the failed release.
 */
@ApplicationScoped
public class BakeWatcher {

    private static final Logger LOG = Logger.getLogger(BakeWatcher.class);
    static final String ROUND = "bake";

    private final PipelineConfig config;
    private final HealthProbe probe;
    private final ReleaseStore releases;
    private final RoundLeases leases;
    private final WorkerIdentity self;
    private final Outbox outbox;
    private final EventPublisher events;
    private final EntityManager em;
    private final DeploymentEvents factory = DeploymentEvents.system();

    public BakeWatcher(PipelineConfig config, HealthProbe probe, ReleaseStore releases, RoundLeases leases,
            WorkerIdentity self, Outbox outbox, @DeploymentEventsLog EventPublisher events, EntityManager em) {
        this.config = config;
        this.probe = probe;
        this.releases = releases;
        this.leases = leases;
        this.self = self;
        this.outbox = outbox;
        this.events = events;
        this.em = em;
    }

    @Scheduled(every = "${shiplog.bake.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        List<ReleaseStore.Baking> baking;
        try {
            Duration lease = config.bake().probeInterval().multipliedBy(5).plusSeconds(5);
            baking = QuarkusTransaction.requiringNew().call(() -> leases.take(ROUND, self.id(), lease)
                    ? releases.baking() : List.<ReleaseStore.Baking>of());
        } catch (RuntimeException e) {
            return; // the database is away: the next round looks again
        }
        Instant now = Instant.now();
        for (ReleaseStore.Baking release : baking) {
            try {
                watch(release, now);
            } catch (RuntimeException e) {
                LOG.warnf("bake of %s not watched this round: %s", release.deploymentId(), Failures.rootMessage(e));
            }
        }
    }

    private void watch(ReleaseStore.Baking release, Instant now) {
        Bake.Watch watch = Bake.beforeCheck(release.live(), now, release.bakeUntil(), release.failures());
        if (watch == null) {
            String url = release.environmentUrl() + release.healthPath().substring(1);
            HealthProbe.Result result = probe.probeNow(url, Duration.ofSeconds(2));
            watch = Bake.afterCheck(result.healthy() ? Check.HEALTHY : Check.failed(result.problem()),
                    release.failures(), config.bake().failures(), url);
            if (watch.verdict() == Bake.Verdict.WATCHING) {
                if (watch.failures() != release.failures()) {
                    int failures = watch.failures();
                    QuarkusTransaction.requiringNew().run(() -> releases.bakeFailures(release.deploymentId(),
                            failures));
                }
                if (watch.failures() > 0) {
                    LOG.infof("%s/%s: release %s failed its health check while baking (%d in a row): %s",
                            release.projectId(), release.environment(), release.deploymentId(), watch.failures(),
                            watch.reason());
                }
                return;
            }
        }
        Bake.Watch verdict = watch;
        QuarkusTransaction.requiringNew().run(() -> conclude(release, verdict));
    }

    /** The watch is over: its verdict on the log, with the automatic rollback when it failed (once: a row lock). */
    private void conclude(ReleaseStore.Baking baking, Bake.Watch watch) {
        ReleaseEntity release = em.find(ReleaseEntity.class, baking.deploymentId(), LockModeType.PESSIMISTIC_WRITE);
        if (release == null || release.bakeVerdict != null) {
            return;
        }
        Bake.Verdict verdict = watch.verdict() == Bake.Verdict.FAILED && !release.live ? Bake.Verdict.REPLACED
                : watch.verdict();
        String key = Topics.environmentKey(release.projectId, release.environment);
        DeploymentEvents.Subject subject = new DeploymentEvents.Subject(release.deploymentId, release.projectId,
                release.environment, null, cause(release.deploymentId));
        String rollbackId = null;
        if (verdict == Bake.Verdict.FAILED) {
            DeploymentRequested rollback = rollback(release, subject, watch.reason());
            if (rollback != null) {
                outbox.add(events, key, rollback);
                rollbackId = rollback.getDeploymentId();
                LOG.warnf("%s/%s: release %s failed its bake; rolling back to %s (%s)", release.projectId,
                        release.environment, release.deploymentId, rollback.getRollback().getTargetDeploymentId(),
                        rollbackId);
            }
        } else {
            LOG.infof("%s/%s: release %s %s its bake", release.projectId, release.environment,
                    release.deploymentId, verdict == Bake.Verdict.PASSED ? "passed" : "was replaced during");
        }
        release.bakeVerdict = verdict.wire();
        release.bakeFailures = watch.failures();
        outbox.add(events, key, factory.baked(subject, verdict.wire(), watch.failures(),
                verdict == Bake.Verdict.FAILED ? watch.reason() : null, rollbackId));
    }

    /** The rollback of a failed release to the release before it, as its request recorded it; null if none. */
    private DeploymentRequested rollback(ReleaseEntity failed, DeploymentEvents.Subject subject, String reason) {
        ReleaseLine line = releases.line(failed.projectId, failed.environment);
        ReleaseLine.Release target = line.before(failed.deploymentId).orElse(null);
        LaneEntryEntity request = target == null ? null : LaneEntryEntity.findById(target.deploymentId());
        if (request == null) {
            LOG.errorf("%s/%s: release %s failed its bake, and there is no earlier release to return to",
                    failed.projectId, failed.environment, failed.deploymentId);
            return null;
        }
        return factory.automaticRollback(subject, new DeploymentEvents.Target(target.deploymentId(),
                target.artifactId(), request.version, Source.newBuilder().setGitUrl(request.gitUrl)
                        .setGitCommit(request.gitCommit).setGitBranch(request.gitBranch)
                        .setArchiveId(request.archiveId).build(),
                Requests.config(request.config), Requests.snapshot(request.snapshot)), reason);
    }

    private static Envelope cause(String deploymentId) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setActor(DeploymentEvents.ACTOR).setCorrelationId(deploymentId).build();
    }
}
