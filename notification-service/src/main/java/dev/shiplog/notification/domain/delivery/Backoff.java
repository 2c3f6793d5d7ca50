package dev.shiplog.notification.domain.delivery;

import java.time.Duration;

/**
 * The pause after a failed attempt: {@code initial} doubled for each earlier failure, at most {@code max}, of which
 * a random half (the jitter, so that receivers coming back are not hit by every sender at once); at least what the
 * receiver asked for ({@code Retry-After}).
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * The pause after {@code failures} failed attempts (1: the first), given the receiver's {@code retryAfter} (or
     * null) and {@code jitter}, a random number from 0 (the shortest pause, half the base) to 1 (the whole base).
     */
    public Duration after(int failures, Duration retryAfter, double jitter) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double fraction = Math.min(1.0, Math.max(0.0, jitter));
        long pause = base / 2 + (long) (fraction * (base - base / 2));
        if (retryAfter != null && retryAfter.toMillis() > pause) {
            pause = retryAfter.toMillis();
        }
        return Duration.ofMillis(pause);
    }
}
