package dev.shiplog.notification.domain.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What becomes of a delivery after an attempt, and whether a claimed attempt may be made at all. A delivery is tried
 * at most {@code maxAttempts} times (counted since it was last sent again by hand): delivered ends it; an answer
 * worth retrying makes it pending again after the {@link Backoff}; the last attempt, or an answer retrying cannot
 * change, makes it dead. An attempt claimed beyond {@code maxAttempts} (the instance that made the last one died
 * before recording its answer, or the subscription now allows fewer) is not made: the delivery is dead.
 */
public final class Attempts {

    /** What is left to the claim after the receiver's time to answer: the margin to record the answer. */
    static final Duration RECORDING_MARGIN = Duration.ofSeconds(5);

    /** The delivery's state after an attempt, and when it is due again (null: it is not). */
    public record Next(String state, Instant dueAt) {
    }

    /** Whether the {@code attempt}-th attempt (since the last resend, this one included) may be made. */
    public static boolean mayAttempt(int attempt, int maxAttempts) {
        return attempt >= 1 && attempt <= maxAttempts;
    }

    /** Why a claimed attempt is not made (see {@link #mayAttempt}): a final answer. */
    public static Answer noAttemptLeft(int attempt, int maxAttempts) {
        return Answer.fail("not sent: the subscription's attempts (maxAttempts " + maxAttempts + ") are used up, "
                + (attempt - 1) + " made (one whose answer was not recorded counts)");
    }

    /**
     * After the {@code attempt}-th attempt (since the last resend, this one included) was answered {@code answer} at
     * {@code now}: delivered, pending again after the backoff ({@code jitter} from 0 to 1), or dead.
     */
    public static Next next(Answer answer, int attempt, int maxAttempts, Instant now, Backoff backoff,
            double jitter) {
        if (answer.delivered()) {
            return new Next(DeliveryState.DELIVERED, null);
        }
        if (answer.retryable() && attempt < maxAttempts) {
            return new Next(DeliveryState.PENDING, now.plus(backoff.after(attempt, answer.retryAfter(), jitter)));
        }
        return new Next(DeliveryState.DEAD, null);
    }

    /**
     * After an attempt that was not made, for {@code reason}, a final answer (the subscription or the notification is
     * gone, no attempt is left, the secret does not open): the delivery is dead.
     */
    public static Next notMade(Answer reason) {
        if (reason.delivered() || reason.retryable()) {
            throw new IllegalArgumentException("not a final answer: " + reason);
        }
        return new Next(DeliveryState.DEAD, null);
    }

    /**
     * How long a claim holds: the receiver's {@code timeout} to answer, and a margin to record it. Past it, the
     * delivery is due again (its instance is taken for dead).
     */
    public static Duration lease(Duration timeout) {
        return timeout.plus(RECORDING_MARGIN);
    }

    private Attempts() {
    }
}
