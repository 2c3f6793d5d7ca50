package dev.shiplog.pipeline.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.schema.environment.EnvironmentHealth;
import org.junit.jupiter.api.Test;

/** The health rule: a failed check degrades, enough in a row are down, a good answer is healthy again. */
class HealthRuleTest {

    static final HealthMonitor.Check OK = new HealthMonitor.Check(null, false);
    static final HealthMonitor.Check SLOW = new HealthMonitor.Check("answered in 3000 ms (slow)", false);
    static final HealthMonitor.Check FAILED = new HealthMonitor.Check("answered 500", true);

    @Test
    void failuresDegradeThenTakeItDownAndAnAnswerBringsItBack() {
        assertEquals(EnvironmentHealth.HEALTHY, HealthMonitor.next(OK, 0, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthMonitor.next(FAILED, 0, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthMonitor.next(FAILED, 1, 3));
        assertEquals(EnvironmentHealth.DOWN, HealthMonitor.next(FAILED, 2, 3));
        assertEquals(EnvironmentHealth.DOWN, HealthMonitor.next(FAILED, 7, 3));
        assertEquals(EnvironmentHealth.HEALTHY, HealthMonitor.next(OK, 7, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthMonitor.next(SLOW, 0, 3));
    }
}
