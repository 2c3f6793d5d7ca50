package dev.shiplog.kit.messaging;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The Apicurio Avro deserializer (configured to produce the generated event classes), made to turn a record it cannot
 * decode into {@code null}, which the consumer sends to its dead-letter topic, instead of stopping the consumer.
 */
public class EventDeserializer extends AvroKafkaDeserializer<SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(EventDeserializer.class);

    @Override
    public SpecificRecord deserialize(String topic, Headers headers, byte[] data) {
        try {
            return super.deserialize(topic, headers, data);
        } catch (RuntimeException e) {
            LOG.warnf(e, "undecodable record on %s", topic);
            return null;
        }
    }
}
