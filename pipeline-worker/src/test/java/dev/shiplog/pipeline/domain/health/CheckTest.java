package dev.shiplog.pipeline.domain.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.schema.environment.EnvironmentHealth;
import org.junit.jupiter.api.Test;

/** A server application that answers with some of its instances missing is degraded, as plain given / when / then. */
class CheckTest {

    @Test
    void anAnswerWithInstancesMissingSaysHowManyServe() {
        assertEquals("only 2 of 3 instances serve", Check.shortOfInstances("2/3"));
        assertEquals(EnvironmentHealth.DEGRADED, HealthRule.next(Check.slow(Check.shortOfInstances("1/3")), 0, 3));
    }

    @Test
    void everyInstanceServingOrNothingSaidOrNonsenseIsNotShort() {
        assertNull(Check.shortOfInstances("3/3"));
        assertNull(Check.shortOfInstances(null));
        assertNull(Check.shortOfInstances("-1/3"));
        assertNull(Check.shortOfInstances("99999/1"));
        assertNull(Check.shortOfInstances("2/3; rm -rf /"));
    }
}
