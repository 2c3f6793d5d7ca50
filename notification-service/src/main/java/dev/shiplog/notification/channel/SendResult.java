package dev.shiplog.notification.channel;

import dev.shiplog.notification.domain.delivery.Answer;
import java.time.Duration;

/**
 * How one attempt went: delivered, or failed with the receiver's status (null: no answer) and whether to try again
 * (after at least {@code retryAfter} when the receiver said so); and how long it took.
 */
public record SendResult(boolean delivered, Integer status, String error, boolean retryable, Duration retryAfter,
        int latencyMs) {

    public static SendResult delivered(int status, int latencyMs) {
        return new SendResult(true, status, null, false, null, latencyMs);
    }

    public static SendResult failed(Integer status, String error, boolean retryable, Duration retryAfter,
            int latencyMs) {
        return new SendResult(false, status, error, retryable, retryAfter, latencyMs);
    }

    /** {@code answer}, which took {@code latencyMs}. */
    public static SendResult of(Answer answer, int latencyMs) {
        return new SendResult(answer.delivered(), answer.status(), answer.error(), answer.retryable(),
                answer.retryAfter(), latencyMs);
    }

    /** The answer, as the delivery rules take it. */
    public Answer answer() {
        return new Answer(delivered, status, error, retryable, retryAfter);
    }
}
