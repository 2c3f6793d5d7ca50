package dev.shiplog.pipeline.domain.app;

/**
 * Auto-scaling between the settings' {@code scaling.min} and {@code scaling.max}, on requests in flight: more than
 * {@code target} per instance grows the release at once to as many instances as the requests need (at most max);
 * fewer instances suffice once the requests in flight have stayed at or under {@code target} per instance of one
 * fewer for the cool-down, and then it shrinks by one (at least min). Every change says why.
 */
public final class Scaling {

    /** A change: the instances from now on, and why. */
    public record Change(int instances, String reason) {
    }

    private Scaling() {
    }

    /**
     * The change for a release running {@code current} instances with {@code inFlight} requests in flight, where
     * one fewer instance would have sufficed for the last {@code sufficedMillis}; null for none.
     */
    public static Change decide(int current, int min, int max, int inFlight, long sufficedMillis, int target,
            long cooldownMillis) {
        if (inFlight > (long) target * current && current < max) {
            int wanted = Math.min(max, (inFlight + target - 1) / target);
            return new Change(wanted, inFlight + " requests in flight on " + current + " instance(s), over the target"
                    + " of " + target + " per instance");
        }
        if (current > min && sufficedMillis >= cooldownMillis) {
            return new Change(current - 1, "at most " + target + " requests in flight per instance on "
                    + (current - 1) + " for " + cooldownMillis / 1000 + " s");
        }
        return null;
    }

    /** Whether {@code current - 1} instances would carry {@code inFlight} requests within the target. */
    public static boolean oneFewerSuffices(int current, int inFlight, int target) {
        return current > 1 && inFlight <= (long) target * (current - 1);
    }
}
