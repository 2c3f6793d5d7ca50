package dev.shiplog.pipeline.domain.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.schema.environment.EnvironmentHealth;
import org.junit.jupiter.api.Test;

/** The health rule: a failed check degrades, enough in a row are down, a good answer is healthy again. */
class HealthRuleTest {

    static final Check OK = Check.HEALTHY;
    static final Check SLOW = Check.slow("answered in 3000 ms (slow)");
    static final Check FAILED = Check.failed("answered 500");

    @Test
    void failuresDegradeThenTakeItDownAndAnAnswerBringsItBack() {
        assertEquals(EnvironmentHealth.HEALTHY, HealthRule.next(OK, 0, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthRule.next(FAILED, 0, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthRule.next(FAILED, 1, 3));
        assertEquals(EnvironmentHealth.DOWN, HealthRule.next(FAILED, 2, 3));
        assertEquals(EnvironmentHealth.DOWN, HealthRule.next(FAILED, 7, 3));
        assertEquals(EnvironmentHealth.HEALTHY, HealthRule.next(OK, 7, 3));
        assertEquals(EnvironmentHealth.DEGRADED, HealthRule.next(SLOW, 0, 3));
    }
}
