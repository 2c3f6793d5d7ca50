package dev.shiplog.pipeline.lane;

import java.time.Instant;

/**
 * An unfinished deployment in its environment's lane: where it stands in line (its request's offset on the log),
 * whether it waits for an approval, waits its turn or runs, which attempt runs it and on which worker instance, a
 * cancellation asked for while it runs, and whether it has passed the point of no return (it is going live).
 */
public record Entry(String deploymentId, long position, Instant requestedAt, String version, State state,
        int attempt, String owner, String cancelReason, boolean activating, Instant approvalExpiresAt) {

    /** Waiting for an approval (it does not hold its place yet), waiting its turn, or holding the environment. */
    public enum State {
        AWAITING, QUEUED, RUNNING
    }

    /** A deployment just requested: queued, never run. */
    public static Entry requested(String deploymentId, long position, Instant requestedAt, String version) {
        return new Entry(deploymentId, position, requestedAt, version, State.QUEUED, 0, null, null, false, null);
    }

    /** A deployment just requested that waits for an approval until {@code expiresAt}. */
    public static Entry awaitingApproval(String deploymentId, long position, Instant requestedAt, String version,
            Instant expiresAt) {
        return new Entry(deploymentId, position, requestedAt, version, State.AWAITING, 0, null, null, false,
                expiresAt);
    }

    Entry startedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, State.RUNNING, attempt + 1, instance, null,
                false, approvalExpiresAt);
    }

    Entry approved() {
        return new Entry(deploymentId, position, requestedAt, version, State.QUEUED, attempt, owner, cancelReason,
                activating, approvalExpiresAt);
    }

    Entry adoptedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, instance, cancelReason,
                activating, approvalExpiresAt);
    }

    Entry cancelling(String reason) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, reason, activating,
                approvalExpiresAt);
    }

    Entry goingLive() {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, cancelReason, true,
                approvalExpiresAt);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public boolean awaitingApproval() {
        return state == State.AWAITING;
    }
}
