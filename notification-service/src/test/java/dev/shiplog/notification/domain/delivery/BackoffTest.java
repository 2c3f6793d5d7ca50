package dev.shiplog.notification.domain.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pause after a failure: doubling from the initial pause up to the longest, half of it random, never shorter than Retry-After. */
class BackoffTest {

    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void thePauseDoublesWithEachFailure() {
        assertEquals(Duration.ofMillis(1000), BACKOFF.after(1, null, 1.0));
        assertEquals(Duration.ofMillis(2000), BACKOFF.after(2, null, 1.0));
        assertEquals(Duration.ofMillis(4000), BACKOFF.after(3, null, 1.0));
        assertEquals(Duration.ofMillis(64_000), BACKOFF.after(7, null, 1.0));
    }

    @Test
    void thePauseNeverExceedsTheLongest() {
        assertEquals(Duration.ofSeconds(256), BACKOFF.after(9, null, 1.0));
        assertEquals(Duration.ofMinutes(5), BACKOFF.after(10, null, 1.0));
        assertEquals(Duration.ofMinutes(5), BACKOFF.after(20, null, 1.0));
        assertEquals(Duration.ofMinutes(5), BACKOFF.after(Integer.MAX_VALUE, null, 1.0));
    }

    @Test
    void theJitterTakesAtMostHalfThePause() {
        assertEquals(Duration.ofMillis(2000), BACKOFF.after(3, null, 0.0));
        assertEquals(Duration.ofMillis(3000), BACKOFF.after(3, null, 0.5));
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long pause = BACKOFF.after(4, null, random.nextDouble()).toMillis();
            assertTrue(pause >= 4000 && pause <= 8000, "" + pause);
        }
    }

    @Test
    void theReceiversRetryAfterIsTheShortestPause() {
        assertEquals(Duration.ofSeconds(30), BACKOFF.after(1, Duration.ofSeconds(30), 0.0));
        // a shorter one than the backoff changes nothing
        assertEquals(Duration.ofMillis(4000), BACKOFF.after(3, Duration.ofMillis(10), 1.0));
        // and it may be longer than the longest backoff
        assertEquals(Duration.ofMinutes(30), BACKOFF.after(20, Duration.ofMinutes(30), 1.0));
    }
}
