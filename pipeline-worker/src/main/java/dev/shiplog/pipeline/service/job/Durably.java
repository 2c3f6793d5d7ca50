package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.messaging.Outages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A run's database work, tried again while the database is unavailable, until the run's outage deadline
 * (service-kit {@link Outages}); past it, {@link OutageException}.
 */
@ApplicationScoped
public class Durably {

    /** Unavailable for longer than the outage deadline. */
    public static final class OutageException extends RuntimeException {
        OutageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public <T> T inDatabase(JobContext job, Supplier<T> work) {
        return inDatabase(job.outageDeadline(), work);
    }

    public <T> T inDatabase(Duration outageDeadline, Supplier<T> work) {
        try {
            return Outages.rideOut(outageDeadline, work);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw new OutageException("the database was unavailable for more than "
                        + outageDeadline.toSeconds() + " s: " + Failures.rootMessage(e), e);
            }
            throw e;
        }
    }
}
