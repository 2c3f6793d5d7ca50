package dev.shiplog.pipeline.lane;

import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.common.StageOutcome;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CommitSummary;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.HealthCheckCompleted;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.SourceResolved;
import dev.shiplog.schema.deployment.event.StageCompleted;
import dev.shiplog.schema.deployment.event.StageStarted;
import dev.shiplog.schema.rules.FieldRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one factory of every event the pipeline-worker writes about a deployment, for the lane and for each stage of
 * a job: same envelope rules (caused by what triggered it, actor {@code service:pipeline-worker}), same fields.
 * The clock and the ids are given, so tests can expect exact events.
 */
public final class DeploymentEvents {

    public static final String ACTOR = "service:pipeline-worker";

    private final Clock clock;
    private final Supplier<String> ids;

    public DeploymentEvents(Clock clock, Supplier<String> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    public static DeploymentEvents system() {
        return new DeploymentEvents(Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** The deployment one event is about, with what every event of it repeats. */
    public record Subject(String deploymentId, String projectId, String environment, Instant requestedAt,
            Envelope cause) {
    }

    public Envelope envelope(Envelope cause) {
        return Envelope.newBuilder().setEventId(ids.get()).setOccurredAt(clock.instant()).setActor(ACTOR)
                .setCorrelationId(cause.getCorrelationId()).setCausationId(cause.getEventId()).build();
    }

    /** Now, by the factory's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** A scheduled deployment waits aside for its time. */
    public DeploymentScheduled scheduled(Subject s, Instant notBefore) {
        return DeploymentScheduled.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setNotBefore(notBefore).build();
    }

    /**
     * A rollback pinned the environment. Its actor is whoever asked for the rollback (the platform itself for an
     * automatic one), as it was their doing.
     */
    public EnvironmentPinned pinned(Subject s, String rollbackDeploymentId, String reason) {
        Envelope envelope = envelope(s.cause());
        envelope.setActor(s.cause().getActor());
        envelope.setActorRole(s.cause().getActorRole());
        return EnvironmentPinned.newBuilder().setEnvelope(envelope).setProjectId(s.projectId())
                .setEnvironment(s.environment()).setRollbackDeploymentId(rollbackDeploymentId)
                .setReason(FieldRules.storable(reason)).build();
    }

    /** The rollback {@code s} went live: {@code replaced} is rolled back, the rollback's target is live again. */
    public DeploymentRolledBack rolledBack(Subject s, String replaced, Entry.Restore rollback) {
        return DeploymentRolledBack.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(replaced)
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setRestoredDeploymentId(rollback.from())
                .setReason(FieldRules.storable(rollback.reason())).setRollbackDeploymentId(s.deploymentId())
                .setAutomatic(rollback.automatic()).build();
    }

    public DeploymentQueued queued(Subject s, int position, String blockedBy) {
        return DeploymentQueued.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setPosition(position)
                .setBlockedBy(blockedBy).build();
    }

    public StageStarted stageStarted(Subject s, Stage stage, String worker) {
        return StageStarted.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setStage(stage).setWorker(worker).build();
    }

    public StageCompleted stageCompleted(Subject s, Stage stage, StageOutcome outcome, long millis, String message) {
        return StageCompleted.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setStage(stage).setOutcome(outcome)
                .setDurationMillis(millis).setMessage(FieldRules.storable(message)).build();
    }

    public ArtifactStored artifactStored(Subject s, String artifactId, String url, long size, int version) {
        return ArtifactStored.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setArtifactId(artifactId)
                .setArtifactUrl(url).setSizeBytes(size).setArtifactVersion(version).build();
    }

    public SourceResolved sourceResolved(Subject s, String commit, java.util.List<CommitSummary> history) {
        return SourceResolved.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setCommit(commit).setHistory(history)
                .build();
    }

    public HealthCheckCompleted healthChecked(Subject s, String url, boolean healthy, int attempts, Integer status,
            String problem) {
        return HealthCheckCompleted.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setUrl(url).setHealthy(healthy)
                .setAttempts(attempts).setStatusCode(status).setMessage(problem).build();
    }

    public ReleaseActivated releaseActivated(Subject s, String artifactId, String deploymentUrl, String environmentUrl,
            String previous) {
        return ReleaseActivated.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setArtifactId(artifactId)
                .setReleaseId(s.deploymentId()).setEnvironmentUrl(environmentUrl).setDeploymentUrl(deploymentUrl)
                .setPreviousDeploymentId(previous).build();
    }

    public DeploymentSucceeded succeeded(Subject s, String version, String deploymentUrl, String environmentUrl,
            String artifactId) {
        return DeploymentSucceeded.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setVersion(version)
                .setDeploymentUrl(deploymentUrl).setEnvironmentUrl(environmentUrl)
                .setDurationMillis(sinceRequest(s)).setArtifactId(artifactId).build();
    }

    public DeploymentFailed failed(Subject s, Stage stage, String reason) {
        return DeploymentFailed.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setStage(stage)
                .setReason(FieldRules.storable(reason)).setDurationMillis(sinceRequest(s)).build();
    }

    public DeploymentCancelled cancelled(Subject s, Stage stage, String reason) {
        return DeploymentCancelled.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setStage(stage).setReason(reason)
                .build();
    }

    private long sinceRequest(Subject s) {
        return s.requestedAt() == null ? 0 : Math.max(0, Duration.between(s.requestedAt(), clock.instant()).toMillis());
    }
}
