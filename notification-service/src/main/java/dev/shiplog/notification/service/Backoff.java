package dev.shiplog.notification.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause after a failed attempt: {@code initial} doubled for each earlier failure, at most {@code max}, of which
 * a random half (jitter, so that receivers coming back are not hit by every sender at once); at least what the
 * receiver asked for ({@code Retry-After}).
 */
public final class Backoff {

    public static Duration after(int failures, Duration initial, Duration max, Duration retryAfter) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        long pause = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > pause) {
            pause = retryAfter.toMillis();
        }
        return Duration.ofMillis(pause);
    }

    private Backoff() {
    }
}
