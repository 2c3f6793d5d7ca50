package dev.shiplog.kit.messaging;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The Apicurio Avro deserializer, made to produce the generated event classes of this service and to turn a record it
 * cannot decode into {@code null} (which the consumer sends to its dead-letter topic) instead of stopping the consumer.
 *
 * <p>Avro finds the generated class of a record through the thread's context class loader. The consumer is configured
 * on the application's thread, but polls on its own, whose context class loader is not always the application's (it is
 * not under {@code @QuarkusTest}): the one seen at configuration time is used for every call.
 */
public class EventDeserializer extends AvroKafkaDeserializer<SpecificRecord> {

    private static final Logger LOG = Logger.getLogger(EventDeserializer.class);
    private ClassLoader applicationClassLoader;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        applicationClassLoader = Thread.currentThread().getContextClassLoader();
        super.configure(configs, isKey);
    }

    @Override
    public SpecificRecord deserialize(String topic, Headers headers, byte[] data) {
        try {
            return withOwnClassLoader(() -> super.deserialize(topic, headers, data));
        } catch (RuntimeException e) {
            LOG.warnf(e, "undecodable record on %s", topic);
            return null;
        }
    }

    private <T> T withOwnClassLoader(java.util.function.Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(applicationClassLoader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
