package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.messaging.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** A run's database work, tried again while the database is unavailable, until the run's outage deadline. */
@ApplicationScoped
public class Durably {

    private static final Logger LOG = Logger.getLogger(Durably.class);

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
        Instant deadline = Instant.now().plus(outageDeadline);
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    throw e;
                }
                if (Instant.now().plus(pause).isAfter(deadline)) {
                    throw new OutageException("the database was unavailable for more than "
                            + outageDeadline.toSeconds() + " s: " + Failures.rootMessage(e), e);
                }
                LOG.warnf("database unavailable, trying again in %d ms: %s", pause.toMillis(), Failures.rootMessage(e));
                try {
                    Thread.sleep(pause.toMillis()); // a pause between tries, not a synchronization
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                        : pause.multipliedBy(2);
            }
        }
    }
}
