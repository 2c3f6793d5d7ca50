package dev.shiplog.pipeline.service.retention;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.RetentionStore;
import dev.shiplog.pipeline.domain.retention.Retention;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.ArtifactDeleted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Applies each project's retention policy ({@link Retention}; the platform's default when it set none): every
 * {@code shiplog.retention.interval}, and at once when someone asks (ArtifactCleanupRequested). Each artifact let go
 * is an {@code ArtifactDeleted} on the log first (through the outbox, with the change that records it); its files go
 * once the lanes read it there ({@link #removeFiles}): from the store (unless another project still keeps the same
 * content), and the unpacked copies of its releases that are not live. One instance cleans a project at a time (a
 * PostgreSQL advisory lock).
 */
@ApplicationScoped
public class ArtifactCleaner {

    private static final Logger LOG = Logger.getLogger(ArtifactCleaner.class);

    private final RetentionStore store;
    private final ArtifactStore artifacts;
    private final Runtime runtime;
    private final EventPublisher events;
    private final Outbox outbox;
    private final PipelineConfig config;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "artifact-cleanup");
        t.setDaemon(true);
        return t;
    });

    public ArtifactCleaner(RetentionStore store, ArtifactStore artifacts, Runtime runtime,
            @DeploymentEventsLog EventPublisher events, Outbox outbox, PipelineConfig config) {
        this.outbox = outbox;
        this.store = store;
        this.artifacts = artifacts;
        this.runtime = runtime;
        this.events = events;
        this.config = config;
    }

    /** Every project with artifacts, periodically. */
    @Scheduled(every = "${shiplog.retention.interval}", delayed = "${shiplog.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanAll() {
        try {
            for (String projectId : QuarkusTransaction.requiringNew().call(store::projects)) {
                clean(projectId, null);
            }
        } catch (RuntimeException e) {
            LOG.warnf("artifact cleanup did not run: %s", Failures.rootMessage(e));
        }
    }

    /** The project's cleanup, soon, on a thread of its own (asked for on the log: not on the consumer's thread). */
    public void cleanLater(String projectId, Envelope cause) {
        executor.submit(() -> {
            try {
                clean(projectId, cause);
            } catch (RuntimeException e) {
                LOG.warnf("artifact cleanup of %s failed: %s", projectId, Failures.rootMessage(e));
            }
        });
    }

    /** Applies the project's policy now; the artifacts let go, with their reasons (empty if another instance is at it). */
    public Map<String, String> clean(String projectId, Envelope cause) {
        Map<String, String> deleted = QuarkusTransaction.requiringNew().call(() -> {
            if (!store.takeCleanup(projectId)) {
                return Map.<String, String>of();
            }
            Retention.Policy policy = store.policy(projectId)
                    .orElse(new Retention.Policy(dev.shiplog.schema.rules.FieldRules.DEFAULT_KEEP_LAST, null));
            Map<String, String> doomed = Retention.toDelete(policy, store.artifacts(projectId),
                    store.releases(projectId), store.inUse(projectId), Instant.now(), config.retention().grace());
            for (var artifact : doomed.entrySet()) {
                Envelope envelope = Envelope.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(Instant.now()).setActor(DeploymentEvents.ACTOR).setCorrelationId(projectId)
                        .setCausationId(cause == null ? null : cause.getEventId()).build();
                outbox.add(events, projectId, ArtifactDeleted.newBuilder().setEnvelope(envelope).setProjectId(projectId)
                        .setArtifactId(artifact.getKey()).setReason(artifact.getValue()).build());
                store.deleted(projectId, artifact.getKey(), envelope.getOccurredAt()); // as the event will say
            }
            return doomed;
        });
        if (!deleted.isEmpty()) {
            LOG.infof("retention of %s let %d artifact(s) go", projectId, deleted.size());
        }
        return deleted;
    }

    /**
     * The log says the project's artifact was let go: the unpacked copies of its releases that are not live go, and
     * its file, unless another project still keeps the same content.
     */
    public void removeFiles(String projectId, String artifactId) {
        try {
            for (String release : QuarkusTransaction.requiringNew().call(() -> store.releasesOf(projectId,
                    artifactId))) {
                runtime.discard(release);
            }
            if (!QuarkusTransaction.requiringNew().call(() -> store.keptElsewhere(projectId, artifactId))) {
                artifacts.delete(artifactId);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("artifact %s of %s is deleted on the log but its files stay: %s", artifactId, projectId,
                    Failures.rootMessage(e));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
