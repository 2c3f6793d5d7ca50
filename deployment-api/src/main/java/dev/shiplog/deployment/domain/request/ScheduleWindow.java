package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.Violation;
import java.time.Duration;
import java.time.Instant;

/**
 * When a deployment may be scheduled: at most {@link #SLACK} in the past (the client's clock, the trip here: it is
 * then "now") and at most {@link #MAX_AHEAD} ahead.
 */
public final class ScheduleWindow {

    public static final Duration SLACK = Duration.ofSeconds(30);
    public static final Duration MAX_AHEAD = Duration.ofDays(366);

    /** The rule {@code scheduledAt} breaks at {@code now}, or null (also when it is not scheduled). */
    public static Violation check(Instant scheduledAt, Instant now) {
        if (scheduledAt == null) {
            return null;
        }
        if (scheduledAt.isBefore(now.minus(SLACK))) {
            return new Violation("scheduledAt", "must not be in the past (it is " + now + ")");
        }
        if (scheduledAt.isAfter(now.plus(MAX_AHEAD))) {
            return new Violation("scheduledAt", "must be at most " + MAX_AHEAD.toDays() + " days ahead");
        }
        return null;
    }

    private ScheduleWindow() {
    }
}
