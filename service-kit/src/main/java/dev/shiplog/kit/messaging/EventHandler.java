package dev.shiplog.kit.messaging;

import dev.shiplog.kit.repository.ProcessedEvents;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.rules.EventRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How every consumer applies an event: once, in one transaction, never lost, and never stopping the consumer for
 * everyone else.
 * <ul>
 * <li>a record that is not a known event, or an event that breaks a rule of the catalog ({@link EventRules}), is
 * poison at once;</li>
 * <li>the event id is recorded with the change ({@link ProcessedEvents}): a redelivered event changes nothing;</li>
 * <li>while the database or the log is unavailable, the same event is tried again with a growing pause (at most
 * {@link #LONGEST_PAUSE}) until it goes through: the consumer waits rather than skipping, as the events of an
 * environment must apply in order;</li>
 * <li>any other failure is tried {@link #TRIES} times, then the event is poison;</li>
 * <li>poison: the consumer's {@code onPoison} runs (to bring what the event was about to a final state), then the
 * record goes to the dead-letter topic with the reason ({@link PoisonEventException}) and the consumer goes on.</li>
 * </ul>
 */
@ApplicationScoped
public class EventHandler {

    private static final Logger LOG = Logger.getLogger(EventHandler.class);
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    static final int TRIES = 3;

    private final ProcessedEvents processed;
    private final ProjectionGate gate;
    private final ProjectionPositions positions;
    private final Transactions transactions;
    private final Duration firstPause;
    /** The service is stopping: a failure now (its database pool closing) says nothing of the event. */
    private volatile boolean stopping;

    @jakarta.inject.Inject
    public EventHandler(ProcessedEvents processed, ProjectionGate gate, ProjectionPositions positions,
            Transactions transactions) {
        this(processed, gate, positions, transactions, FIRST_PAUSE);
    }

    /** With {@code firstPause} between the first tries of an event (its tests wait less). */
    EventHandler(ProcessedEvents processed, ProjectionGate gate, ProjectionPositions positions,
            Transactions transactions, Duration firstPause) {
        this.processed = processed;
        this.gate = gate;
        this.positions = positions;
        this.transactions = transactions;
        this.firstPause = firstPause;
    }

    /** Applies the record's event to {@code projection}, once, in a transaction. */
    public void handle(Projection projection, ConsumerRecord<String, SpecificRecord> record) {
        String consumer = projection.consumer();
        SpecificRecord event = record.value();
        if (event == null) {
            throw new UndecodableEventException(record.topic());
        }
        Delivery delivery = new Delivery(event, (Envelope) event.get(0), record.topic(), record.partition(),
                record.offset(), false);
        List<EventRules.Violation> violations = EventRules.violations(event);
        if (!violations.isEmpty()) {
            poison(projection, delivery, "breaks the catalog's rules: " + violations, null);
        }
        Duration pause = firstPause;
        int failures = 0;
        for (int attempt = 1;; attempt++) {
            try {
                transactions.inNew(() -> {
                    gate.enter();
                    if (processed.firstDelivery(consumer, delivery.envelope().getEventId())) {
                        projection.apply(delivery);
                    }
                    positions.advance(consumer, delivery.logPosition());
                });
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    // never judged poison while stopping: not applied, not acknowledged, delivered again after the
                    // restart (the process ends while this waits)
                    LOG.debugf("%s: %s not applied while the service stops", consumer, delivery.type());
                    pause(LONGEST_PAUSE);
                    continue;
                }
                if (Failures.isTransient(e)) {
                    LOG.warnf("%s: %s %s failed (attempt %d), trying again in %d ms: %s", consumer, delivery.type(),
                            delivery.envelope().getEventId(), attempt, pause.toMillis(), Failures.rootMessage(e));
                } else if (++failures >= TRIES) {
                    poison(projection, delivery, "could not be applied: " + Failures.rootMessage(e), e);
                } else {
                    LOG.warnf(e, "%s: %s %s failed (%d of %d tries)", consumer, delivery.type(),
                            delivery.envelope().getEventId(), failures, TRIES);
                }
                pause(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    void stopping(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /** Runs {@code onPoison} (waiting out an unavailable database or log), then sends the record to the dead letters. */
    private void poison(Projection projection, Delivery delivery, String reason, Throwable cause) {
        String consumer = projection.consumer();
        LOG.errorf("%s: %s %s at %s is poison: %s", consumer, delivery.type(), delivery.envelope().getEventId(),
                delivery.position(), reason);
        Duration pause = firstPause;
        for (int failures = 0;;) {
            try {
                transactions.inNew(() -> {
                    projection.onPoison(delivery, reason);
                    positions.advance(consumer, delivery.logPosition()); // dead-lettered: past it all the same
                });
                break;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e) && ++failures >= TRIES) {
                    LOG.errorf(e, "%s: could not handle poison %s; dead-lettering it as it is", consumer,
                            delivery.envelope().getEventId());
                    break;
                }
                pause(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
        throw new PoisonEventException(delivery.type() + " " + delivery.envelope().getEventId() + " " + reason, cause);
    }

    // a pause between tries of the same event, not a synchronization: nothing else is awaited here
    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
