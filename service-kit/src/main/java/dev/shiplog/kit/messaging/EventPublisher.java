package dev.shiplog.kit.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes events to the log and returns only once the broker has acknowledged them, so a caller never answers
 * "accepted" for an event that is not durably on the log. Fails with {@link EventLogUnavailableException} after
 * {@code timeout}.
 */
public final class EventPublisher {

    private final MutinyEmitter<SpecificRecord> emitter;
    private final Duration timeout;

    public EventPublisher(MutinyEmitter<SpecificRecord> emitter, Duration timeout) {
        this.emitter = emitter;
        this.timeout = timeout;
    }

    /** Publishes {@code event} with {@code key} and waits for the acknowledgement. */
    public void publish(String key, SpecificRecord event) {
        Message<SpecificRecord> message = Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        try {
            emitter.sendMessage(message).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new EventLogUnavailableException(
                    "could not write " + event.getClass().getSimpleName() + " to the event log: " + e.getMessage(), e);
        }
    }
}
