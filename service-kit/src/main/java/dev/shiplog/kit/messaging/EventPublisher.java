package dev.shiplog.kit.messaging;

import dev.shiplog.kit.log.LogPosition;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes events to one channel of the log and returns only once the broker has acknowledged them, so a caller never
 * answers "accepted" for an event that is not durably on the log. Each service makes one per outgoing channel (a
 * CDI producer in its {@code messaging.outgoing} package).
 * <ul>
 * <li>{@link #publish}: one try; {@link EventLogUnavailableException} after {@code timeout} (the APIs answer 503);</li>
 * <li>{@link #publishDurably}: tries again, with a growing pause, until acknowledged or until a deadline: a short
 * outage of the broker or the registry is ridden out (the pipeline's events);</li>
 * <li>an event the broker refuses for what it is (too large) is {@link EventRejectedException}: never retried.</li>
 * </ul>
 * Sending the same event again is safe: consumers drop a duplicate by its event id. Every record carries its event
 * id in the header {@value #EVENT_ID_HEADER} too, so the log can be searched for an event without decoding it (the
 * outbox does after a crash, {@code dev.shiplog.kit.outbox}).
 */
public final class EventPublisher {


    public static final String EVENT_ID_HEADER = "shiplog-event-id";

    private final String channel;
    private final String topic;
    private final MutinyEmitter<SpecificRecord> emitter;
    private final Duration timeout;

    /** The publisher of outgoing {@code channel} (its topic is {@code mp.messaging.outgoing.<channel>.topic}). */
    public EventPublisher(String channel, MutinyEmitter<SpecificRecord> emitter, Duration timeout) {
        this(channel, ConfigProvider.getConfig().getValue("mp.messaging.outgoing." + channel + ".topic", String.class),
                emitter, timeout);
    }

    EventPublisher(String channel, String topic, MutinyEmitter<SpecificRecord> emitter, Duration timeout) {
        this.channel = channel;
        this.topic = topic;
        this.emitter = emitter;
        this.timeout = timeout;
    }

    /** The outgoing channel's name, as in the configuration. */
    public String channel() {
        return channel;
    }

    /** The topic the channel writes to. */
    public String topic() {
        return topic;
    }

    /** Publishes {@code event} with {@code key}, waits for the acknowledgement, and says where it is on the log. */
    public LogPosition publish(String key, SpecificRecord event) {
        OutgoingMessageMetadata<RecordMetadata> written = new OutgoingMessageMetadata<>();
        try {
            emitter.sendMessage(message(key, event, written)).await().atMost(timeout);
            return position(written.getResult());
        } catch (RuntimeException e) {
            if (rejected(e)) {
                throw new EventRejectedException("the log refused " + event.getClass().getSimpleName() + ": "
                        + Failures.rootMessage(e), e);
            }
            throw new EventLogUnavailableException(
                    "could not write " + event.getClass().getSimpleName() + " to the event log: " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code event} with {@code key} and returns at once, for a writer that has more to do before it needs the
     * acknowledgement; {@link Sent#settle} later makes sure the event is on the log. Events sent with one key, each
     * settled before anything that must follow them is written, reach the log in the order they were sent.
     */
    public Sent sendSoon(String key, SpecificRecord event) {
        OutgoingMessageMetadata<RecordMetadata> written = new OutgoingMessageMetadata<>();
        return new Sent(key, event, emitter.sendMessage(message(key, event, written)).subscribeAsCompletionStage()
                .thenApply(nothing -> position(written.getResult())));
    }

    /** An event {@link #sendSoon} sent, until it is made sure of. */
    public final class Sent {
        private final String key;
        private final SpecificRecord event;
        private final java.util.concurrent.CompletableFuture<LogPosition> answer;

        private Sent(String key, SpecificRecord event, java.util.concurrent.CompletableFuture<LogPosition> answer) {
            this.key = key;
            this.event = event;
            this.answer = answer;
        }

        /**
         * The event is on the log when this returns: its acknowledgement came (waited for up to the producer's own
         * timeout), or it is written again ({@link #publishDurably}, its consumers drop a second copy by its event
         * id); {@link EventLogUnavailableException} past {@code outage}.
         */
        public void settle(Duration outage) {
            try {
                answer.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // not acknowledged: written again below
            }
            publishDurably(key, event, outage);
        }
    }

    private static Message<SpecificRecord> message(String key, SpecificRecord event,
            OutgoingMessageMetadata<RecordMetadata> written) {
        RecordHeaders headers = new RecordHeaders();
        if (event.get(0) instanceof dev.shiplog.schema.common.Envelope envelope) {
            headers.add(EVENT_ID_HEADER, envelope.getEventId().getBytes(StandardCharsets.UTF_8));
        }
        return Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build())
                .addMetadata(written);
    }

    private static LogPosition position(RecordMetadata at) {
        return at == null ? null : new LogPosition(at.topic(), at.partition(), at.offset());
    }

    /**
     * Publishes {@code event}, trying again while the log is unavailable, for at most {@code outage}
     * ({@link Outages}); then throws the last {@link EventLogUnavailableException}.
     */
    public LogPosition publishDurably(String key, SpecificRecord event, Duration outage) {
        return Outages.rideOut(outage, () -> publish(key, event));
    }

    private static boolean rejected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
