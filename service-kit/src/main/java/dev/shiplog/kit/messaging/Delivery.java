package dev.shiplog.kit.messaging;

import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.schema.common.Envelope;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event as a consumer applies it: the event, its envelope, where it sits on the log, and whether it is being
 * replayed into a projection that is rebuilt from offset zero (then it changes state only: it publishes nothing,
 * starts nothing, sends nothing).
 */
public record Delivery(SpecificRecord event, Envelope envelope, String topic, int partition, long offset,
        boolean replay) {

    public Instant occurredAt() {
        return envelope.getOccurredAt();
    }

    public String type() {
        return event.getSchema().getName();
    }

    /** Where the event is on the log. */
    public LogPosition logPosition() {
        return new LogPosition(topic, partition, offset);
    }

    /** The event's position on its topic, as one sortable number per partition. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
