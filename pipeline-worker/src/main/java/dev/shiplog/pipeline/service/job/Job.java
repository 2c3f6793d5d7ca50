package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.schema.common.StageOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One run of a deployment: its stages (build, upload, deploy, verify; deploy and verify only for one that builds
 * nothing), each between StageStarted and StageCompleted on the log, then going live: the claim on the point of no
 * return ({@link Activation}: a cancel before it wins, one after it is too late), ReleaseActivated on the log, the
 * switch, DeploymentSucceeded. So what is live never differs from what the log says.
 */
@ApplicationScoped
public class Job {

    private static final Logger LOG = Logger.getLogger(Job.class);

    private final PipelineConfig config;
    private final Activation activation;
    private final LaneStore store;
    private final ReleaseStore releases;
    private final Runtime runtime;
    private final Durably durably;
    private final List<Stage> stages;
    /** A deployment that builds nothing (a rollback, a promotion): deploy and verify only. */
    private final List<Stage> restoreStages;

    private final MeterRegistry meters;

    public Job(PipelineConfig config, Activation activation, LaneStore store, ReleaseStore releases, Runtime runtime,
            Durably durably, BuildStage build, UploadStage upload, DeployStage deploy, VerifyStage verify,
            MeterRegistry meters) {
        this.meters = meters;
        this.config = config;
        this.activation = activation;
        this.store = store;
        this.releases = releases;
        this.runtime = runtime;
        this.durably = durably;
        this.stages = List.of(build, upload, deploy, verify);
        this.restoreStages = List.of(deploy, verify);
    }

    /**
     * The stages, then going live. True once the deployment's end is on the log. A release that did not go live
     * here stops running (an application started for it).
     */
    boolean run(JobContext job, String worker) {
        DeploymentSpec spec = job.spec;
        try {
            return stagesThenLive(job, worker);
        } finally {
            if (!runtime.active(spec.projectId(), spec.environment()).filter(spec.deploymentId()::equals)
                    .isPresent()) {
                runtime.withdraw(spec.deploymentId());
            }
        }
    }

    private boolean stagesThenLive(JobContext job, String worker) {
        DeploymentEvents factory = job.events;
        List<Stage> stages = job.spec.restores() ? restoreStages : this.stages;
        Stage current = stages.get(0);
        try {
            for (Stage stage : stages) {
                current = stage;
                if (job.stopped() != null) {
                    return endStopped(job, stage, null);
                }
                if (job.log.unavailable()) {
                    throw new EventLogUnavailableException("the build log could not be written", null);
                }
                job.log.stage(stage.name());
                job.lanesFirst(); // what the lane decided (the deployment started) is on the log before the stage
                job.publishSoon(factory.stageStarted(job.subject, stage.name(), worker));
                long t0 = System.nanoTime();
                Stage.Outcome outcome = stage.run(job);
                if (outcome.kind() == Stage.Outcome.Kind.STOPPED
                        || (job.stopped() != null && outcome.kind() == Stage.Outcome.Kind.SUCCEEDED)) {
                    return endStopped(job, stage, t0);
                }
                if (outcome.kind() == Stage.Outcome.Kind.FAILED) {
                    job.log.end();
                    timed(stage, StageOutcome.FAILED, t0);
                    job.publish(factory.stageCompleted(job.subject, stage.name(), StageOutcome.FAILED, millis(t0),
                            outcome.message()));
                    job.publish(factory.failed(job.subject, stage.name(), outcome.message()));
                    return true;
                }
                timed(stage, StageOutcome.SUCCEEDED, t0);
                job.publish(factory.stageCompleted(job.subject, stage.name(), StageOutcome.SUCCEEDED, millis(t0),
                        outcome.message()));
            }
            return goLive(job);
        } catch (EventLogUnavailableException | Durably.OutageException e) {
            return fail(job, current.name(), "the platform could not record this deployment: "
                    + (e instanceof EventLogUnavailableException ? "the event log was unavailable for more than "
                            + config.outageDeadline().toSeconds() + " s" : e.getMessage()));
        } catch (Exception e) {
            LOG.errorf(e, "deployment %s failed in %s", job.spec.deploymentId(), current.name());
            return fail(job, current.name(), "the platform failed during " + current.name().name().toLowerCase()
                    + ": " + e);
        }
    }

    /**
     * Claims the point of no return, writes ReleaseActivated, switches the environment, writes DeploymentSucceeded.
     * A failure after the record withdraws it (DeploymentFailed); one after the switch leaves the end to the
     * sweeper, which finds the activation on the log.
     */
    private boolean goLive(JobContext job) {
        DeploymentSpec spec = job.spec;
        DeploymentEvents factory = job.events;
        Activation.Claim claim = durably.inDatabase(job,
                () -> activation.claim(spec.projectId(), spec.environment(), spec.deploymentId(), job.attempt));
        if (claim == Activation.Claim.NOT_YOURS) {
            job.stop(JobContext.Stop.FENCED, null);
            return false;
        }
        if (claim == Activation.Claim.CANCELLED) {
            String reason = durably.inDatabase(job,
                    () -> QuarkusTransaction.requiringNew().call(() -> store.lease(spec.deploymentId()).cancelReason()));
            job.publish(factory.cancelled(job.subject, dev.shiplog.schema.common.Stage.VERIFY, reason));
            return true;
        }
        job.outboxFirst(); // DeploymentGoingLive is on the log before ReleaseActivated
        String previous = durably.inDatabase(job, () -> QuarkusTransaction.requiringNew().call(() -> releases
                .live(spec.projectId(), spec.environment()).map(r -> r.deploymentId).orElse(null)));
        String environmentUrl = runtime.environmentUrl(spec.projectId(), spec.environment());
        job.log.end();
        try {
            job.publish(factory.releaseActivated(job.subject, job.artifact.artifactId(), job.deploymentUrl,
                    environmentUrl, previous));
        } catch (EventLogUnavailableException e) {
            return fail(job, dev.shiplog.schema.common.Stage.VERIFY, "the platform could not record the activation:"
                    + " the event log was unavailable for more than " + config.outageDeadline().toSeconds() + " s;"
                    + " it did not go live");
        }
        try {
            runtime.activate(spec.projectId(), spec.environment(), spec.deploymentId());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "deployment %s: the switch failed", spec.deploymentId());
            return fail(job, dev.shiplog.schema.common.Stage.VERIFY,
                    "the environment could not be switched to the new release: " + e);
        }
        job.log.system("live at " + environmentUrl);
        job.log.end();
        try {
            if (spec.rollback() && previous != null) {
                job.publish(factory.rolledBack(job.subject, previous, spec.restore()));
            }
            job.publish(factory.succeeded(job.subject, spec.version(), job.deploymentUrl, environmentUrl,
                    job.artifact.artifactId()));
            return true;
        } catch (EventLogUnavailableException e) {
            LOG.warnf("deployment %s is live but its end is not on the log yet; the sweeper will write it",
                    spec.deploymentId());
            return false;
        }
    }

    /** Ends a run that was asked to stop: cancelled (written), fenced off or handed over (nothing written). */
    private boolean endStopped(JobContext job, Stage stage, Long t0) {
        if (job.stopped() != JobContext.Stop.CANCELLED) {
            return false;
        }
        job.log.system("cancelled");
        if (t0 != null) {
            timed(stage, StageOutcome.CANCELLED, t0);
            job.publish(job.events.stageCompleted(job.subject, stage.name(), StageOutcome.CANCELLED, millis(t0),
                    "cancelled"));
        }
        job.publish(job.events.cancelled(job.subject, stage.name(), job.cancelReason()));
        return true;
    }

    private boolean fail(JobContext job, dev.shiplog.schema.common.Stage stage, String reason) {
        if (job.stopped() == JobContext.Stop.FENCED || job.stopped() == JobContext.Stop.SHUTDOWN) {
            return false;
        }
        job.log.system(reason);
        try {
            job.log.end();
            job.publish(job.events.failed(job.subject, stage, reason));
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("deployment %s: could not write its failure (%s); the sweeper will take it over",
                    job.spec.deploymentId(), Failures.rootMessage(e));
            return false;
        }
    }

    /** {@code shiplog_stage_duration_seconds} of this worker, by stage and outcome (Prometheus, /q/metrics). */
    private void timed(Stage stage, StageOutcome outcome, long t0) {
        meters.timer("shiplog.stage.duration", "stage", stage.name().name().toLowerCase(java.util.Locale.ROOT),
                "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
