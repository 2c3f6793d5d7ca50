package dev.shiplog.pipeline.service;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.lane.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.RollbackOf;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The bake period: a new live release is watched on its environment's URL (its health path) for the time its
 * environment asks ({@code bakeSeconds}, else {@code shiplog.bake.period}). If it fails {@code shiplog.bake.failures}
 * probes in a row, the platform rolls the environment back by itself to the release before it: a rollback
 * deployment like any other (so the environment is pinned, and the failed deployment marked rolled back with the
 * reason), requested once whichever instance sees it first (its id is derived from the failed release). A release
 * replaced before its bake ended is no longer watched.
 */
@ApplicationScoped
public class BakeWatcher {

    private static final Logger LOG = Logger.getLogger(BakeWatcher.class);

    private final PipelineConfig config;
    private final Runtime runtime;
    private final EventPublisher events;
    private final EntityManager em;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Failed probes in a row, per baking release, on this instance. */
    private final ConcurrentHashMap<String, Integer> failures = new ConcurrentHashMap<>();

    public BakeWatcher(PipelineConfig config, @DeploymentEventsLog EventPublisher events, EntityManager em,
            Runtime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.events = events;
        this.em = em;
    }

    @Scheduled(every = "${shiplog.bake.probe-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        List<ReleaseEntity> baking;
        try {
            baking = QuarkusTransaction.requiringNew().call(() -> ReleaseEntity.<ReleaseEntity>list(
                    "bakeUntil is not null and bakeVerdict is null and withdrawn = false"));
        } catch (RuntimeException e) {
            return; // the database is away: the next round looks again
        }
        Instant now = Instant.now();
        for (ReleaseEntity release : baking) {
            try {
                watch(release, now);
            } catch (RuntimeException e) {
                LOG.warnf("bake of %s not watched this round: %s", release.deploymentId, Failures.rootMessage(e));
            }
        }
    }

    private void watch(ReleaseEntity release, Instant now) {
        if (!live(release)) {
            verdict(release.deploymentId, "replaced");
            return;
        }
        if (now.isAfter(release.bakeUntil)) {
            verdict(release.deploymentId, "passed");
            LOG.infof("%s/%s: release %s baked healthy", release.projectId, release.environment,
                    release.deploymentId);
            return;
        }
        String url = release.environmentUrl + release.healthPath.substring(1);
        String problem = probe(runtime.probeUrl(url));
        if (problem == null) {
            failures.remove(release.deploymentId);
            return;
        }
        int failed = failures.merge(release.deploymentId, 1, Integer::sum);
        LOG.infof("%s/%s: release %s failed its health check while baking (%d in a row): %s", release.projectId,
                release.environment, release.deploymentId, failed, problem);
        if (failed >= config.bake().failures()) {
            rollBack(release.deploymentId, "health check " + url + " failed " + failed + " times in a row during the"
                    + " bake period: " + problem);
            failures.remove(release.deploymentId);
        }
    }

    private String probe(String url) {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 400 ? null : "answered " + status;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static boolean live(ReleaseEntity release) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ReleaseEntity live = ReleaseEntity.live(release.projectId, release.environment);
            return live != null && live.deploymentId.equals(release.deploymentId);
        });
    }

    private void verdict(String deploymentId, String verdict) {
        QuarkusTransaction.requiringNew().run(() -> ReleaseEntity.update("bakeVerdict = ?1 where deploymentId = ?2"
                + " and bakeVerdict is null", verdict, deploymentId));
    }

    /**
     * Requests the rollback of {@code failedId} to the release before it, once: the release's row is locked, its
     * verdict set in the same transaction, and the rollback's id is derived from the failed release.
     */
    private void rollBack(String failedId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            ReleaseEntity failed = em.find(ReleaseEntity.class, failedId, LockModeType.PESSIMISTIC_WRITE);
            if (failed == null || failed.bakeVerdict != null || !live(failed)) {
                return;
            }
            failed.bakeVerdict = "failed";
            ReleaseEntity target = ReleaseEntity.before(failed);
            LaneEntryEntity request = target == null ? null : LaneEntryEntity.findById(target.deploymentId);
            if (request == null) {
                LOG.errorf("%s/%s: release %s failed its bake, and there is no earlier release to return to",
                        failed.projectId, failed.environment, failedId);
                return;
            }
            String id = UUID.nameUUIDFromBytes(("automatic-rollback:" + failedId).getBytes(StandardCharsets.UTF_8))
                    .toString();
            DeploymentRequested rollback = DeploymentRequested.newBuilder()
                    .setEnvelope(Envelope.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setOccurredAt(Instant.now()).setActor(DeploymentEvents.ACTOR).setCorrelationId(id).build())
                    .setDeploymentId(id).setProjectId(failed.projectId).setEnvironment(failed.environment)
                    .setVersion(request.version)
                    .setSource(Source.newBuilder().setGitUrl(request.gitUrl).setGitCommit(request.gitCommit)
                            .setGitBranch(request.gitBranch).setArchiveId(request.archiveId).build())
                    .setConfig(decode(request.config))
                    .setArtifactId(target.artifactId)
                    .setRollback(RollbackOf.newBuilder().setTargetDeploymentId(target.deploymentId)
                            .setReplacedDeploymentId(failedId).setReason(reason).setAutomatic(true).build())
                    .setSnapshot(request.snapshot == null ? null : LaneService.decodeSnapshot(request.snapshot))
                    .build();
            events.publish(Topics.environmentKey(failed.projectId, failed.environment), rollback);
            LOG.warnf("%s/%s: release %s failed its bake; rolling back to %s (%s)", failed.projectId,
                    failed.environment, failedId, target.deploymentId, id);
        });
    }

    private static DeploymentConfig decode(byte[] config) {
        try {
            return DeploymentConfig.fromByteBuffer(ByteBuffer.wrap(config));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
