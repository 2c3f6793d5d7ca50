package dev.shiplog.pipeline.domain.health;

import dev.shiplog.schema.environment.EnvironmentHealth;

/**
 * The live health of an environment from the checks of its live release: healthy after a healthy check, degraded
 * after a slow one or a failed one, down after {@code downAfter} failed ones in a row. A new live release starts with
 * a clean record.
 */
public final class HealthRule {

    /** The status after {@code check}, given the failures in a row before it. */
    public static EnvironmentHealth next(Check check, int failuresBefore, int downAfter) {
        if (check.healthy()) {
            return EnvironmentHealth.HEALTHY;
        }
        if (!check.failed()) {
            return EnvironmentHealth.DEGRADED; // answered, slowly
        }
        return failuresBefore + 1 >= downAfter ? EnvironmentHealth.DOWN : EnvironmentHealth.DEGRADED;
    }

    /** The failures in a row after {@code check}. */
    public static int failuresAfter(Check check, int failuresBefore) {
        return check.failed() ? failuresBefore + 1 : 0;
    }

    private HealthRule() {
    }
}
