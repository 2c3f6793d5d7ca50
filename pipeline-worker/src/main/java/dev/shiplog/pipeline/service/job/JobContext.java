package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Outages;
import dev.shiplog.kit.outbox.OutboxRelay;
import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.sandbox.ProcessRunner;
import dev.shiplog.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * One run (attempt) of a deployment, as its stages share it: the spec, the workspace, the log, the processes, the
 * event factory and the way events reach the log, what earlier stages produced, and whether the run must stop
 * (cancelled, no longer this attempt's to run, or the worker is stopping).
 */
public final class JobContext {

    /** Why a run stops before its end. */
    public enum Stop {
        /** A user cancelled it: it ends cancelled. */
        CANCELLED,
        /** Another attempt holds the deployment now: this one ends silently. */
        FENCED,
        /** This worker is stopping: the deployment is handed over, not ended. */
        SHUTDOWN
    }

    final DeploymentSpec spec;
    final int attempt;
    final Path workspace;
    final LogSink log;
    final ProcessRunner processes;
    final DeploymentEvents events;
    final DeploymentEvents.Subject subject;
    private final EventPublisher publisher;
    private final OutboxRelay outbox;
    private final Duration outageDeadline;
    /**
     * Events sent without waiting ({@link #publishSoon}), in order, until the next {@link #publish}; its monitor
     * orders the writes (never the run's {@link #stop}, which must not wait for an outage to end).
     */
    private final java.util.List<EventPublisher.Sent> sent = new java.util.ArrayList<>();

    /** The lanes may have left events about this deployment in the outbox: they reach the log before ours. */
    private volatile boolean outboxFirst = true;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Stop stop;
    private volatile String cancelReason;
    ArtifactStore.StoredArtifact artifact;
    String deploymentUrl;
    /** The deployment's secrets, opened, by name (for its build and its application only; never logged). */
    final java.util.Map<String, String> secrets = new java.util.TreeMap<>();
    /** Why a secret of the deployment did not open; null if they all did. */
    String secretsProblem;

    JobContext(DeploymentSpec spec, int attempt, Path workspace, LogSink log, ProcessRunner processes,
            DeploymentEvents events, DeploymentEvents.Subject subject, EventPublisher publisher, OutboxRelay outbox,
            Duration outageDeadline) {
        this.outbox = outbox;
        this.spec = spec;
        this.attempt = attempt;
        this.workspace = workspace;
        this.log = log;
        this.processes = processes;
        this.events = events;
        this.subject = subject;
        this.publisher = publisher;
        this.outageDeadline = outageDeadline;
    }

    /**
     * Writes {@code event} about this deployment, riding out an unavailable log until the outage deadline
     * ({@link dev.shiplog.kit.messaging.EventLogUnavailableException} past it). What {@link #publishSoon} sent is on
     * the log first.
     */
    void publish(SpecificRecord event) {
        synchronized (sent) {
            settle();
            String key = key();
            relayOutboxIfFirst(key);
            publisher.publishDurably(key, event, outageDeadline);
        }
    }

    /**
     * Sends {@code event} without waiting for the broker: the run goes on (a build starts while its StageStarted is
     * on its way), and the next {@link #publish} waits for it first, so the events of a run reach the log in the
     * order they were made, each before the run's next decisive one. For events nothing waits on; one whose send
     * failed is written again, durably, then (its consumers drop a second copy by its event id).
     */
    void publishSoon(SpecificRecord event) {
        synchronized (sent) {
            String key = key();
            if (outboxFirst) {
                settle();
                relayOutboxIfFirst(key);
            }
            sent.add(publisher.sendSoon(key, event));
        }
    }

    /**
     * Writes what the lanes left in the outbox about this run's environment, if they may have (at the start, and
     * after the claim to go live), before anything of the run's own: a stage then starts after it.
     */
    void lanesFirst() {
        synchronized (sent) {
            if (outboxFirst) {
                settle();
                relayOutboxIfFirst(key());
            }
        }
    }

    /** Every event {@link #publishSoon} sent is on the log: acknowledged, or written again. */
    private void settle() {
        for (EventPublisher.Sent one : sent) {
            one.settle(outageDeadline);
        }
        sent.clear();
    }

    private String key() {
        return Topics.environmentKey(spec.projectId(), spec.environment());
    }

    private void relayOutboxIfFirst(String key) {
        if (outboxFirst) {
            relayOutbox(key);
            outboxFirst = false;
        }
    }

    /** The lane decided something about this deployment (its claim to go live): it is on the log before our next. */
    void outboxFirst() {
        outboxFirst = true;
    }

    /** Writes what the outbox holds for the environment (the lanes' decisions) before this run writes more. */
    private void relayOutbox(String key) {
        Outages.rideOut(outageDeadline, () -> {
            outbox.relay(key);
            return null;
        });
    }

    Duration outageDeadline() {
        return outageDeadline;
    }

    /** Asks the run to stop: its processes die now, its stages see it at their next step. The first reason wins. */
    synchronized void stop(Stop why, String reason) {
        if (stop == null) {
            stop = why;
            cancelReason = reason;
            processes.stop();
            stopped.countDown();
        }
    }

    Stop stopped() {
        return stop;
    }

    String cancelReason() {
        return cancelReason;
    }

    /** Waits up to {@code pause} (between health probes); true as soon as the run is asked to stop. */
    boolean awaitStop(Duration pause) throws InterruptedException {
        return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    String tag() {
        return spec.deploymentId() + "-" + attempt;
    }
}
