package dev.shiplog.pipeline.lane;

import java.time.Instant;

/**
 * An unfinished deployment in its environment's lane: where it stands in line (its request's offset on the log),
 * whether it waits or runs, which attempt runs it and on which worker instance, a cancellation asked for while it
 * runs, and whether it has passed the point of no return (it is going live).
 */
public record Entry(String deploymentId, long position, Instant requestedAt, String version, State state,
        int attempt, String owner, String cancelReason, boolean activating) {

    /** Waiting its turn, or holding the environment. */
    public enum State {
        QUEUED, RUNNING
    }

    /** A deployment just requested: queued, never run. */
    public static Entry requested(String deploymentId, long position, Instant requestedAt, String version) {
        return new Entry(deploymentId, position, requestedAt, version, State.QUEUED, 0, null, null, false);
    }

    Entry startedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, State.RUNNING, attempt + 1, instance, null,
                false);
    }

    Entry adoptedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, instance, cancelReason,
                activating);
    }

    Entry cancelling(String reason) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, reason, activating);
    }

    Entry goingLive() {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, cancelReason, true);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
