package dev.shiplog.deployment.domain.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Given what a credential asked for and when, then whether one more call passes, and when it would. */
class RateLimitsTest {

    static final class Clock implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advanceSeconds(long seconds) {
            nanos += TimeUnit.SECONDS.toNanos(seconds);
        }
    }

    final Clock clock = new Clock();
    final RateLimits limits = new RateLimits(new RateLimits.Limit(10, 2), new RateLimits.Limit(3, 1), 100, clock);

    @Test
    void aBurstPassesThenTheCallerWaitsForTheRefill() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limits.admit("ann", false).allowed(), "call " + i);
        }
        RateLimits.Verdict refused = limits.admit("ann", false);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals("at most 2 requests a second per credential (bursts of 10)", refused.rule());
        clock.advanceSeconds(1);
        assertTrue(limits.admit("ann", false).allowed());
        assertTrue(limits.admit("ann", false).allowed());
        assertFalse(limits.admit("ann", false).allowed(), "two a second");
    }

    @Test
    void writesHaveASmallerBucketOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limits.admit("ann", true).allowed());
        }
        RateLimits.Verdict refused = limits.admit("ann", true);
        assertFalse(refused.allowed());
        assertEquals("at most 1 writes a second per credential (bursts of 3)", refused.rule());
        assertTrue(limits.admit("ann", false).allowed(), "reads still pass");
    }

    @Test
    void eachCredentialHasItsOwnBuckets() {
        for (int i = 0; i < 10; i++) {
            limits.admit("ann", false);
        }
        assertFalse(limits.admit("ann", false).allowed());
        assertTrue(limits.admit("ben", false).allowed(), "a flood by one is not everyone's");
    }

    @Test
    void pastTheirNumberIdleCallersAreForgottenAndTheCountStaysBounded() {
        RateLimits few = new RateLimits(new RateLimits.Limit(10, 2), new RateLimits.Limit(3, 1), 5, clock);
        for (int i = 0; i < 50; i++) {
            few.admit("caller-" + i, false);
            clock.advanceSeconds(10);
        }
        assertTrue(few.callers() <= 6, "" + few.callers());
    }
}
