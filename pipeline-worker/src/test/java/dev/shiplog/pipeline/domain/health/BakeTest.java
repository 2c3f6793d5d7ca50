package dev.shiplog.pipeline.domain.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bake period of a new live release: given its watch so far, when a check comes back, then its verdict. */
class BakeTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final String URL = "http://x/sites/shop/staging/health";

    @Test
    void aReleaseIsWatchedForItsSnapshotsPeriodElseThePlatformsAndNeitherARollbackNorAZeroPeriod() {
        assertEquals(T0.plusSeconds(30), Bake.until(T0, 30, Duration.ofSeconds(60), false));
        assertEquals(T0.plusSeconds(60), Bake.until(T0, null, Duration.ofSeconds(60), false));
        assertNull(Bake.until(T0, 0, Duration.ofSeconds(60), false), "bakeSeconds 0: not watched");
        assertNull(Bake.until(T0, 30, Duration.ofSeconds(60), true), "a rollback returns to a healthy release");
    }

    @Test
    void itIsProbedOnItsHealthPathOrOnTheRootWhenThePathIsNotAPathOfTheRelease() {
        assertEquals("/health", Bake.path("/health"));
        assertEquals("/", Bake.path(null));
        assertEquals("/", Bake.path("/../etc"));
    }

    @Test
    void failedChecksInARowRollItBackAndAGoodOneStartsTheCountAgain() {
        Bake.Watch first = Bake.afterCheck(Check.failed("answered 500"), 0, 3, URL);
        assertEquals(new Bake.Watch(Bake.Verdict.WATCHING, 1, "answered 500"), first);
        assertEquals(new Bake.Watch(Bake.Verdict.WATCHING, 0, null), Bake.afterCheck(Check.HEALTHY, 2, 3, URL));
        Bake.Watch third = Bake.afterCheck(Check.failed("connection refused"), 2, 3, URL);
        assertEquals(Bake.Verdict.FAILED, third.verdict());
        assertEquals(3, third.failures());
        assertEquals("health check " + URL + " failed 3 times in a row during the bake period: connection refused",
                third.reason());
    }

    @Test
    void aSlowAnswerIsNoFailureWhileItBakes() {
        assertEquals(Bake.Verdict.WATCHING, Bake.afterCheck(Check.slow("answered in 3000 ms"), 2, 3, URL).verdict());
    }

    @Test
    void aReleaseReplacedIsNoLongerWatchedAndOneHealthyToTheEndPassed() {
        assertEquals(Bake.Verdict.REPLACED, Bake.beforeCheck(false, T0, T0.plusSeconds(60), 1).verdict());
        assertEquals(Bake.Verdict.PASSED, Bake.beforeCheck(true, T0.plusSeconds(61), T0.plusSeconds(60), 0)
                .verdict());
        assertNull(Bake.beforeCheck(true, T0.plusSeconds(59), T0.plusSeconds(60), 0), "still baking: probe it");
    }
}
