package dev.shiplog.kit.messaging;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Plain retries while something the platform needs is away (the database, the broker, the registry): the same work
 * is tried again, with a pause growing from 200 ms to 2 s (SmallRye Fault Tolerance's retry with exponential
 * backoff), as long as it fails with what {@link Failures#isTransient} calls an outage, for at most the outage
 * deadline; then the last failure is thrown. Anything else is thrown at once.
 */
public final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);
    private static final Map<Duration, Guard> GUARDS = new ConcurrentHashMap<>();

    /** Runs {@code work}, riding out an outage of at most {@code deadline}. */
    @SuppressWarnings("unchecked")
    public static <T> T rideOut(Duration deadline, Supplier<T> work) {
        return (T) GUARDS.computeIfAbsent(deadline, Outages::guard).get(work::get, Object.class);
    }

    private static Guard guard(Duration deadline) {
        return Guard.create().withDescription("outage of at most " + deadline).withRetry().maxRetries(-1)
                .delay(200, ChronoUnit.MILLIS).maxDuration(deadline.toMillis(), ChronoUnit.MILLIS)
                .whenException(Failures::isTransient)
                .beforeRetry(e -> LOG.warnf("unavailable, trying again: %s", Failures.rootMessage(e)))
                .withExponentialBackoff().factor(2).maxDelay(2, ChronoUnit.SECONDS).done().done().build();
    }

    private Outages() {
    }
}
