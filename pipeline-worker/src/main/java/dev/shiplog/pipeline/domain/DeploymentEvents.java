package dev.shiplog.pipeline.domain;

import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.common.RollbackOf;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.common.StageOutcome;
import dev.shiplog.schema.deployment.event.ArtifactStored;
import dev.shiplog.schema.deployment.event.CommitSummary;
import dev.shiplog.schema.deployment.event.DeploymentCancelled;
import dev.shiplog.schema.deployment.event.DeploymentFailed;
import dev.shiplog.schema.deployment.event.DeploymentGoingLive;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import dev.shiplog.schema.deployment.event.DeploymentRolledBack;
import dev.shiplog.schema.deployment.event.DeploymentScheduled;
import dev.shiplog.schema.deployment.event.DeploymentSucceeded;
import dev.shiplog.schema.deployment.event.EnvironmentPinned;
import dev.shiplog.schema.deployment.event.HealthCheckCompleted;
import dev.shiplog.schema.deployment.event.ReleaseActivated;
import dev.shiplog.schema.deployment.event.ReleaseBaked;
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
        envelope.setActorCredential(s.cause().getActorCredential());
        return EnvironmentPinned.newBuilder().setEnvelope(envelope).setProjectId(s.projectId())
                .setEnvironment(s.environment()).setRollbackDeploymentId(rollbackDeploymentId)
                .setReason(FieldRules.storable(reason)).build();
    }

    /** The rollback {@code s} went live: {@code replaced} is rolled back, the rollback's target is live again. */
    public DeploymentRolledBack rolledBack(Subject s, String replaced, Restore rollback) {
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

    /** The run {@code attempt} on {@code worker} passed its point of no return: it goes live now. */
    public DeploymentGoingLive goingLive(Subject s, int attempt, String worker) {
        return DeploymentGoingLive.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setAttempt(attempt).setWorker(worker)
                .build();
    }

    /** The watch of {@code s}'s release over its bake period ended with {@code verdict}. */
    public ReleaseBaked baked(Subject s, String verdict, int failures, String reason, String rollbackId) {
        return ReleaseBaked.newBuilder().setEnvelope(envelope(s.cause())).setDeploymentId(s.deploymentId())
                .setProjectId(s.projectId()).setEnvironment(s.environment()).setVerdict(verdict)
                .setFailures(failures).setReason(FieldRules.storable(reason)).setRollbackDeploymentId(rollbackId)
                .build();
    }

    /** What an earlier release's request recorded, as an automatic rollback to it needs it again. */
    public record Target(String deploymentId, String artifactId, String version, Source source, DeploymentConfig config,
            EnvironmentSnapshot snapshot) {
    }

    /**
     * The platform's own rollback of {@code failed} (which failed its bake: {@code reason}) to {@code target}: a
     * deployment request like any other, re-activating the target's artifact with its recorded configuration and
     * snapshot. Its id is derived from the failed release, so it is asked for once, whoever asks.
     */
    public DeploymentRequested automaticRollback(Subject failed, Target target, String reason) {
        String id = automaticRollbackId(failed.deploymentId());
        Envelope envelope = envelope(failed.cause());
        envelope.setCorrelationId(id);
        return DeploymentRequested.newBuilder().setEnvelope(envelope).setDeploymentId(id)
                .setProjectId(failed.projectId()).setEnvironment(failed.environment()).setVersion(target.version())
                .setSource(target.source()).setConfig(target.config()).setArtifactId(target.artifactId())
                .setRollback(RollbackOf.newBuilder().setTargetDeploymentId(target.deploymentId())
                        .setReplacedDeploymentId(failed.deploymentId()).setReason(FieldRules.storable(reason))
                        .setAutomatic(true).build())
                .setSnapshot(target.snapshot()).build();
    }

    /** The id of the automatic rollback of {@code failedDeploymentId}: the same whoever asks for it. */
    public static String automaticRollbackId(String failedDeploymentId) {
        return UUID.nameUUIDFromBytes(("automatic-rollback:" + failedDeploymentId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
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
