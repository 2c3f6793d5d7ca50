package dev.shiplog.pipeline.domain.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Auto-scaling between min and max on requests in flight, as plain given / when / then. */
class ScalingTest {

    static final int TARGET = 4;
    static final long COOLDOWN = 15_000;

    @Test
    void aBurstGrowsTheReleaseAtOnceToWhatTheRequestsNeedUpToMax() {
        Scaling.Change change = Scaling.decide(1, 1, 3, 9, 0, TARGET, COOLDOWN);
        assertEquals(3, change.instances());
        assertEquals("9 requests in flight on 1 instance(s), over the target of 4 per instance", change.reason());
        assertEquals(2, Scaling.decide(1, 1, 5, 6, 0, TARGET, COOLDOWN).instances());
        assertEquals(3, Scaling.decide(1, 1, 3, 400, 0, TARGET, COOLDOWN).instances(), "never past max");
    }

    @Test
    void atMaxOrWithinTheTargetNothingChanges() {
        assertNull(Scaling.decide(3, 1, 3, 400, 0, TARGET, COOLDOWN));
        assertNull(Scaling.decide(2, 1, 3, 8, 0, TARGET, COOLDOWN));
    }

    @Test
    void itShrinksByOneOnlyAfterOneFewerSufficedForTheCooldownAndNeverBelowMin() {
        assertNull(Scaling.decide(3, 1, 3, 0, COOLDOWN - 1, TARGET, COOLDOWN));
        Scaling.Change change = Scaling.decide(3, 1, 3, 0, COOLDOWN, TARGET, COOLDOWN);
        assertEquals(2, change.instances());
        assertEquals("at most 4 requests in flight per instance on 2 for 15 s", change.reason());
        assertNull(Scaling.decide(1, 1, 3, 0, COOLDOWN * 10, TARGET, COOLDOWN));
        assertNull(Scaling.decide(2, 2, 4, 0, COOLDOWN * 10, TARGET, COOLDOWN));
    }

    @Test
    void oneFewerSufficesWhenItCarriesTheRequestsInFlightWithinTheTarget() {
        assertTrue(Scaling.oneFewerSuffices(3, 8, TARGET));
        assertFalse(Scaling.oneFewerSuffices(3, 9, TARGET));
        assertFalse(Scaling.oneFewerSuffices(1, 0, TARGET), "one is the fewest");
    }

    @Test
    void aPlanScalesBetweenMinAndMaxOnlyWhenItHasBoth() {
        AppPlan auto = AppPlanTest.plan(java.util.Map.of("scaling.min", "1", "scaling.max", "3"));
        assertTrue(auto.autoscaled());
        assertEquals(1, auto.instances());
        assertEquals(3, auto.max());
        assertFalse(AppPlanTest.plan(java.util.Map.of("scaling.instances", "3")).autoscaled());
    }
}
