package dev.shiplog.pipeline.domain.lane;

import dev.shiplog.pipeline.domain.Restore;
import java.time.Instant;

/**
 * An unfinished deployment in its environment's lane: where it stands in line (its request's offset on the log),
 * whether it waits for an approval, for its time, for its turn or runs, which attempt runs it and on which worker
 * instance, a cancellation asked for while it runs, whether it has passed the point of no return (it is going live),
 * and, for a deployment that builds nothing, what it restores.
 */
public record Entry(String deploymentId, long position, Instant requestedAt, String version, State state,
        int attempt, String owner, String cancelReason, boolean activating, Instant approvalExpiresAt,
        Instant notBefore, Restore restore) {

    /**
     * Waiting for an approval, or for its scheduled time (neither holds a place yet), waiting its turn, or holding
     * the environment.
     */
    public enum State {
        AWAITING, SCHEDULED, QUEUED, RUNNING
    }

    /** A deployment just requested: queued, never run. */
    public static Entry requested(String deploymentId, long position, Instant requestedAt, String version) {
        return of(deploymentId, position, requestedAt, version, null, null, null);
    }

    /** A deployment just requested that waits for an approval until {@code expiresAt}. */
    public static Entry awaitingApproval(String deploymentId, long position, Instant requestedAt, String version,
            Instant expiresAt) {
        return of(deploymentId, position, requestedAt, version, expiresAt, null, null);
    }

    /**
     * A deployment as its request asks: waiting for an approval until {@code approvalExpiresAt} if not null, to start
     * at {@code notBefore} if not null (the lane sets it aside while that is ahead), restoring {@code restore}.
     */
    public static Entry of(String deploymentId, long position, Instant requestedAt, String version,
            Instant approvalExpiresAt, Instant notBefore, Restore restore) {
        return new Entry(deploymentId, position, requestedAt, version,
                approvalExpiresAt != null ? State.AWAITING : State.QUEUED, 0, null, null, false, approvalExpiresAt,
                notBefore, restore);
    }

    Entry in(State now) {
        return new Entry(deploymentId, position, requestedAt, version, now, attempt, owner, cancelReason, activating,
                approvalExpiresAt, notBefore, restore);
    }

    Entry startedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, State.RUNNING, attempt + 1, instance, null,
                false, approvalExpiresAt, notBefore, restore);
    }

    Entry adoptedBy(String instance) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, instance, cancelReason,
                activating, approvalExpiresAt, notBefore, restore);
    }

    Entry cancelling(String reason) {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, reason, activating,
                approvalExpiresAt, notBefore, restore);
    }

    Entry goingLive() {
        return new Entry(deploymentId, position, requestedAt, version, state, attempt, owner, cancelReason, true,
                approvalExpiresAt, notBefore, restore);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public boolean awaitingApproval() {
        return state == State.AWAITING;
    }

    /** In line: it waits its turn or runs (not for an approval, not for its time). */
    public boolean inLine() {
        return state == State.QUEUED || state == State.RUNNING;
    }

    public boolean rollback() {
        return restore != null && restore.kind() == Restore.Kind.ROLLBACK;
    }
}
