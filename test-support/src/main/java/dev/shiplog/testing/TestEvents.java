package dev.shiplog.testing;

import dev.shiplog.schema.Topics.Topic;
import dev.shiplog.schema.common.Envelope;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.RecordIdStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes real Avro events on the real broker, through the real registry, the way the services do.
 * Tests use it to publish what another service would publish and to await what a service emits.
 */
public final class TestEvents implements AutoCloseable {

    // System properties, not static fields: the test resource and the test may live in different class loaders.
    static final String KAFKA_PROPERTY = "shiplogtest.kafka";
    static final String REGISTRY_PROPERTY = "shiplogtest.registry";

    private static volatile TestEvents shared;

    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    static void configure(String kafka, String registry) {
        System.setProperty(KAFKA_PROPERTY, kafka);
        System.setProperty(REGISTRY_PROPERTY, registry);
    }

    static String bootstrap() {
        return System.getProperty(KAFKA_PROPERTY, Infra.KAFKA);
    }

    static String registryUrl() {
        return System.getProperty(REGISTRY_PROPERTY, Infra.REGISTRY);
    }

    /** The client for the infrastructure the current test resource chose. */
    public static synchronized TestEvents get() {
        if (shared == null) {
            shared = new TestEvents();
        }
        return shared;
    }

    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    private TestEvents() {
        Properties props = common();
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", AvroKafkaSerializer.class.getName());
        props.put("apicurio.registry.auto-register", "true");
        props.put("apicurio.registry.artifact-resolver-strategy", RecordIdStrategy.class.getName());
        // the first registration of a schema can meet the registry busy with another module's: retried for ~5 s
        props.put("apicurio.registry.retry-count", "10");
        props.put("apicurio.registry.retry-backoff-ms", "500");
        props.put("acks", "all");
        producer = new KafkaProducer<>(props);
        Properties raw = common();
        raw.put("key.serializer", StringSerializer.class.getName());
        raw.put("value.serializer", ByteArraySerializer.class.getName());
        rawProducer = new KafkaProducer<>(raw);
    }

    private static Properties common() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap());
        props.putAll(Infra.kafkaLogin(bootstrap(), "admin"));
        props.put("apicurio.registry.url", registryUrl());
        return props;
    }

    /** A fresh envelope, as a service would write it. */
    public static Envelope envelope(String correlationId) {
        return Envelope.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setActor("test")
                .setCorrelationId(correlationId)
                .build();
    }

    /** A valid artifact id (a sha256 in hex) made from {@code seed}. */
    public static String sha256(String seed) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one event and waits for the broker's acknowledgement. */
    public void publish(Topic topic, String key, SpecificRecord event) {
        if (!topic.carries(event.getClass())) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not go on " + topic.name());
        }
        await(producer.send(new ProducerRecord<>(topic.name(), key, event)));
    }

    /** Publishes bytes that are not a valid event (a poison message). */
    public void publishRaw(Topic topic, String key, byte[] value) {
        await(rawProducer.send(new ProducerRecord<>(topic.name(), key, value)));
    }

    /** Starts reading {@code topic} from its current end: only what is written from now on is seen. */
    public Reader readFromNow(Topic topic) {
        ensureTopic(topic.name());
        return new Reader(topic.name());
    }

    /** Reads {@code topic} from offset zero: everything it ever held (for replays). */
    public Reader readFromBeginning(Topic topic) {
        ensureTopic(topic.name());
        Reader reader = new Reader(topic.name());
        reader.consumer.seekToBeginning(reader.consumer.assignment());
        reader.consumer.assignment().forEach(reader.consumer::position);
        return reader;
    }

    /** Starts reading a topic by name (dead-letter topics) from its current end, values as raw bytes. */
    public RawReader readRawFromNow(String topicName) {
        ensureTopic(topicName);
        return new RawReader(topicName);
    }

    private static void ensureTopic(String name) {
        try (Admin admin = Admin.create(common())) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(java.util.concurrent.Future<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        rawProducer.close(Duration.ofSeconds(5));
    }

    /** Reads Avro events. */
    public static final class Reader extends PositionedReader<Object> {
        Reader(String topic) {
            super(topic, withAvro());
        }

        private static Properties withAvro() {
            Properties props = common();
            props.put("value.deserializer", AvroKafkaDeserializer.class.getName());
            props.put("apicurio.registry.use-specific-avro-reader", "true");
            return props;
        }

        /** Every event read until the end of the topic as it is now. */
        public List<SpecificRecord> readToEnd(Predicate<ConsumerRecord<String, Object>> match) {
            List<SpecificRecord> out = new ArrayList<>();
            for (ConsumerRecord<String, Object> record : recordsToEnd()) {
                if (match.test(record)) {
                    out.add((SpecificRecord) record.value());
                }
            }
            return out;
        }

        /**
         * Collects, in the order read, the events {@code include} accepts until one that {@code last} accepts (which
         * is included), or fails after {@code timeout}.
         */
        public List<SpecificRecord> collect(Predicate<SpecificRecord> include, Predicate<SpecificRecord> last,
                Duration timeout) {
            List<SpecificRecord> story = new ArrayList<>();
            awaitRecord(r -> {
                SpecificRecord event = (SpecificRecord) r.value();
                if (event != null && include.test(event)) {
                    story.add(event);
                    return last.test(event);
                }
                return false;
            }, timeout);
            return story;
        }

        /** Awaits the first event of {@code type} that {@code match} accepts. */
        public <T extends SpecificRecord> T await(Class<T> type, Predicate<T> match, Duration timeout) {
            return type.cast(awaitRecord(r -> type.isInstance(r.value()) && match.test(type.cast(r.value())), timeout)
                    .value());
        }
    }

    /** Reads raw records, with headers (dead-letter topics). */
    public static final class RawReader extends PositionedReader<byte[]> {
        RawReader(String topic) {
            super(topic, raw());
        }

        private static Properties raw() {
            Properties props = common();
            props.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
            return props;
        }
    }
}
