package dev.shiplog.kit.outbox;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.KafkaClientConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Where an event can be on the log: the partition of its key (as the producer's default partitioner picks it), the
 * end of that partition now, and which event ids lie in a partition from an offset on (read from the records'
 * {@link EventPublisher#EVENT_ID_HEADER} header, without decoding them). The service's own Kafka user may read the
 * topics it writes ({@code deploy/kafka/KafkaAccess.java}).
 */
@ApplicationScoped
public class LogTail {

    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final KafkaClientConfig kafka;
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();
    private Admin admin;

    public LogTail(KafkaClientConfig kafka) {
        this.kafka = kafka;
    }

    /** The partition {@code key} goes to on {@code topic}. */
    public int partitionOf(String topic, String key) throws Exception {
        Integer count = partitions.get(topic);
        if (count == null) {
            count = admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
            partitions.put(topic, count);
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
    }

    /** The offset the next record of the partition will get. */
    public long end(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        return admin().listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
    }

    /** The event ids of the partition's records from offset {@code from} to its end now. */
    public Set<String> eventIds(String topic, int partition, long from) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        long end = end(topic, partition);
        Set<String> ids = new HashSet<>();
        if (end <= from) {
            return ids;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(Map.of("enable.auto.commit",
                "false", "key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer",
                ByteArrayDeserializer.class.getName())))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + TIMEOUT.multipliedBy(5).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " from " + from + " to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader(EventPublisher.EVENT_ID_HEADER);
                    if (id != null) {
                        ids.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return ids;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of("request.timeout.ms", "3000", "default.api.timeout.ms", "5000")));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
