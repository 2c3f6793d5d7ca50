package dev.shiplog.notification.channel;

import java.time.Duration;

/**
 * How one attempt went: delivered, or failed with the receiver's status (null: no answer) and whether to try again
 * (after at least {@code retryAfter} when the receiver said so).
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
}
