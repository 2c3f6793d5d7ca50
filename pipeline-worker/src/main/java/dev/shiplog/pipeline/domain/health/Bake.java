package dev.shiplog.pipeline.domain.health;

import dev.shiplog.schema.rules.FieldRules;
import java.time.Duration;
import java.time.Instant;

/**
 * The bake period of a new live release: it is watched on its environment's URL until {@code bakeUntil}; a release
 * that is no longer live is replaced (not watched any more); one that failed {@code failuresToRollBack} checks in a
 * row has failed (the platform rolls back to the release before it); one still healthy at the end has passed.
 */
public final class Bake {

    /** Where the watch of a release stands after a check. */
    public enum Verdict {
        /** Still watched. */
        WATCHING,
        PASSED,
        FAILED,
        REPLACED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The watch after a check: its verdict, and the failures in a row so far. */
    public record Watch(Verdict verdict, int failures, String reason) {
    }

    /**
     * Until when a release that went live at {@code activatedAt} is watched, or null when it is not: its
     * environment's bake period as its deployment's snapshot recorded it ({@code snapshotSeconds}), else the
     * platform's default; 0 is not watched, nor is a rollback (it returns to a release that was healthy).
     */
    public static Instant until(Instant activatedAt, Integer snapshotSeconds, Duration platformDefault,
            boolean rollback) {
        if (rollback) {
            return null;
        }
        Duration period = snapshotSeconds != null ? Duration.ofSeconds(snapshotSeconds) : platformDefault;
        return period.isZero() || period.isNegative() ? null : activatedAt.plus(period);
    }

    /** The path probed on the environment's URL while it bakes: the deployment's health check path, or {@code /}. */
    public static String path(String healthCheckPath) {
        return healthCheckPath == null || FieldRules.healthCheckPath(healthCheckPath) != null ? "/" : healthCheckPath;
    }

    /** Before probing: a release no longer live is replaced; past its bake period, it passed. Null: probe it. */
    public static Watch beforeCheck(boolean stillLive, Instant now, Instant bakeUntil, int failures) {
        if (!stillLive) {
            return new Watch(Verdict.REPLACED, failures, null);
        }
        if (now.isAfter(bakeUntil)) {
            return new Watch(Verdict.PASSED, failures, null);
        }
        return null;
    }

    /** After a check: failed after {@code failuresToRollBack} failures in a row, else still watched. */
    public static Watch afterCheck(Check check, int failuresBefore, int failuresToRollBack, String url) {
        if (!check.failed()) {
            return new Watch(Verdict.WATCHING, 0, null);
        }
        int failures = failuresBefore + 1;
        if (failures >= failuresToRollBack) {
            return new Watch(Verdict.FAILED, failures, "health check " + url + " failed " + failures
                    + " times in a row during the bake period: " + check.problem());
        }
        return new Watch(Verdict.WATCHING, failures, check.problem());
    }

    private Bake() {
    }
}
