package dev.shiplog.kit.messaging;

import dev.shiplog.kit.repository.ProcessedEvents;
import dev.shiplog.schema.common.Envelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer applies an event: once, in one transaction, and never lost.
 * <ul>
 * <li>an undecodable record ({@code null}) throws {@link UndecodableEventException}: it goes to the dead-letter
 * topic and the consumer goes on;</li>
 * <li>the event id is recorded with the change ({@link ProcessedEvents}): a redelivered event changes nothing;</li>
 * <li>when the database or the log is unavailable, the same event is tried again, with a growing pause, until it
 * goes through: the consumer waits rather than skipping (events of an environment must apply in order);</li>
 * <li>any other failure is a poison event: it goes to the dead-letter topic with the reason.</li>
 * </ul>
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final ProcessedEvents processed;

    public EventHandler(ProcessedEvents processed) {
        this.processed = processed;
    }

    /** Applies {@code event} for {@code consumer} with {@code change}, which runs inside the transaction. */
    public void handle(String consumer, String topic, SpecificRecord event, Consumer<SpecificRecord> change) {
        if (event == null) {
            throw new UndecodableEventException(topic);
        }
        String eventId = ((Envelope) event.get(0)).getEventId();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (processed.firstDelivery(consumer, eventId)) {
                        change.accept(event);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (!transientFailure(e)) {
                    throw e;
                }
                LOG.warnf("%s: %s %s failed (attempt %d), trying again in %d ms: %s", consumer,
                        event.getSchema().getName(), eventId, attempt, pause.toMillis(), rootMessage(e));
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** The database or the log is away (or a transaction lost a race): worth trying again. */
    static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EventLogUnavailableException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40")
                            || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exceptions, serialization failures and deadlocks, server shutting down
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t.getClass().getName().startsWith("jakarta.transaction")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    // a pause between retries of the same event, not a synchronization: nothing else is awaited here
    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
