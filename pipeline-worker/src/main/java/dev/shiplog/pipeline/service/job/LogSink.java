package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import dev.shiplog.schema.deployment.log.LogChunkAppended;
import dev.shiplog.schema.deployment.log.LogStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployment's log on its way to {@code shiplog.deployment.logs}: text is gathered into chunks of at most
 * {@link #MAX_CHUNK} characters, sent when full and at least every {@link #MAX_DELAY_MS} ms, so lines reach readers
 * within a second of being printed and memory stays bounded whatever the build prints. While the log is
 * unavailable a chunk is tried again (the build waits on its output meanwhile) until the outage deadline; past it
 * the run fails with that reason ({@link #unavailable()}). Chunks are numbered without gaps. Keeps the tail for
 * failure reasons. The deployment's secrets are masked ({@link SecretMask}) before anything is gathered: no chunk
 * and no failure reason holds one in clear.
 */
public final class LogSink {

    static final int MAX_CHUNK = 32 * 1024;
    public static final long MAX_DELAY_MS = 200;
    static final int TAIL = 2000;

    private final EventPublisher logs;
    private final DeploymentEvents events;
    private final Envelope cause;
    private final String deploymentId;
    private final Duration outageDeadline;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private Stage stage = Stage.BUILD;
    private LogStream stream = LogStream.SYSTEM;
    private long sequence;
    private long pendingSince;
    private volatile boolean unavailable;
    /** The chunk sent last, until the next flush makes sure of it. */
    private EventPublisher.Sent inFlight;
    private SecretMask mask = new SecretMask(java.util.List.of());

    public LogSink(EventPublisher logs, DeploymentEvents events, Envelope cause, String deploymentId,
            Duration outageDeadline, long firstSequence) {
        this.logs = logs;
        this.events = events;
        this.cause = cause;
        this.deploymentId = deploymentId;
        this.outageDeadline = outageDeadline;
        this.sequence = firstSequence;
    }

    /** Masks these secret values from now on. */
    public synchronized void mask(SecretMask secrets) {
        this.mask = secrets;
    }

    public synchronized void stage(Stage next) {
        gather(mask.drain());
        flush();
        stage = next;
    }

    /** The run's output is over: what is held back goes out too, and every chunk is on the log when this returns. */
    public synchronized void end() {
        gather(mask.drain());
        flush();
        settle();
    }

    /** A platform message, on its own line. */
    public void system(String line) {
        append("SYSTEM", line + "\n");
    }

    /** Text printed by the build on {@code streamName} (STDOUT, STDERR or SYSTEM). */
    public synchronized void append(String streamName, String text) {
        if (text.isEmpty()) {
            return; // nothing printed: no chunk ends for it
        }
        LogStream next = LogStream.valueOf(streamName);
        if (next != stream) {
            gather(mask.drain());
            flush();
            stream = next;
        }
        gather(mask.feed(text));
    }

    /** Adds already masked text to the chunk being gathered. */
    private void gather(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (pending.isEmpty()) {
            pendingSince = System.currentTimeMillis();
        }
        int offset = 0;
        while (offset < text.length()) {
            int take = Math.min(text.length() - offset, MAX_CHUNK - pending.length());
            pending.append(text, offset, offset + take);
            offset += take;
            if (pending.length() >= MAX_CHUNK) {
                flush();
                pendingSince = System.currentTimeMillis();
            }
        }
        tail.append(text);
        if (tail.length() > 2 * TAIL) {
            tail.delete(0, tail.length() - TAIL);
        }
        if (System.currentTimeMillis() - pendingSince >= MAX_DELAY_MS) {
            flush();
        }
    }

    /**
     * Sends what is gathered; called on a timer too, so quiet builds are not held back. The chunk goes without
     * waiting for the broker: the next flush first makes sure the one before it is on the log (waited for, or
     * written again until the outage deadline), so chunks reach the log in their order and none is lost.
     */
    public synchronized void flush() {
        if (pending.isEmpty() || unavailable) {
            pending.setLength(0);
            return;
        }
        LogChunkAppended chunk = LogChunkAppended.newBuilder().setEnvelope(events.envelope(cause))
                .setDeploymentId(deploymentId).setStage(stage).setSequence(sequence).setStream(stream)
                .setText(pending.toString()).build();
        pending.setLength(0);
        settle();
        if (unavailable) {
            return;
        }
        sequence++;
        inFlight = logs.sendSoon(deploymentId, chunk);
    }

    /** The chunk sent last is on the log: acknowledged, or written again until the outage deadline. */
    private void settle() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.settle(outageDeadline);
        } catch (EventLogUnavailableException e) {
            unavailable = true; // the run ends on it at its next step, with this reason
        }
        inFlight = null;
    }

    /** The log could not be written for longer than the outage deadline. */
    public boolean unavailable() {
        return unavailable;
    }

    /** The next chunk's number: a later attempt of the same deployment goes on from here. */
    public synchronized long nextSequence() {
        return sequence;
    }

    /** The last characters printed, for a failure reason. */
    public synchronized String tail() {
        return tail.length() <= TAIL ? tail.toString() : tail.substring(tail.length() - TAIL);
    }
}
