package dev.shiplog.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A consumer positioned at the end of every partition of one topic when it was made. */
public abstract class PositionedReader<V> implements AutoCloseable {
    final KafkaConsumer<String, V> consumer;
    /**
     * Records one poll returned that no caller has been given yet. A poll returns a batch, and an await that
     * stops at its first match must leave the rest for the next await: the consumer's position is already past
     * them (dropping them lost an event that came in the same batch as the one awaited before it).
     */
    private final java.util.ArrayDeque<ConsumerRecord<String, V>> unread = new java.util.ArrayDeque<>();
    private int undecodable;
    private String lastUndecodable = "";

    PositionedReader(String topic, Properties props) {
        props.put("group.id", "test-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = partitionsOf(topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the position now, not at the first poll
    }

    /**
     * The topic's partitions. A topic created a moment ago can have none in the metadata yet (the broker answers
     * an empty list, not an error); a reader assigned to none would fail its first poll, so this asks again.
     */
    private List<TopicPartition> partitionsOf(String topic) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
            }
            try {
                Thread.sleep(100); // a metadata refresh, not a synchronization: the loop checks the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Polls until {@code match} accepts a record, or fails after {@code timeout}. */
    public ConsumerRecord<String, V> awaitRecord(Predicate<ConsumerRecord<String, V>> match, Duration timeout) {
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            ConsumerRecord<String, V> record = next();
            if (record == null) {
                continue;
            }
            if (match.test(record)) {
                return record;
            }
            seen.add(record);
        }
        List<String> last = seen.subList(Math.max(0, seen.size() - 5), seen.size()).stream()
                .map(r -> String.valueOf(r.value())).map(v -> v.length() > 300 ? v.substring(0, 300) + "..." : v)
                .toList();
        throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size()
                + ", the last ones: " + last + "; " + whereItStands());
    }

    /** Where this reader stands against the end of each partition, and what it could not decode (for failures). */
    String whereItStands() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        StringBuilder out = new StringBuilder("positions/ends:");
        ends.forEach((p, end) -> out.append(' ').append(p.partition()).append('=')
                .append(consumer.position(p)).append('/').append(end));
        if (undecodable > 0) {
            out.append("; stepped over ").append(undecodable).append(" undecodable, the last: ")
                    .append(lastUndecodable);
        }
        return out.toString();
    }

    /** Every record from where this reader stands to the end of the topic as it is now. */
    public List<ConsumerRecord<String, V>> recordsToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        List<ConsumerRecord<String, V>> out = new ArrayList<>(unread);
        unread.clear();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && Instant.now().isBefore(deadline)) {
            poll().forEach(out::add);
        }
        return out;
    }

    /** The next record not yet handed out, polling for more if there is none; null if a poll brought none. */
    ConsumerRecord<String, V> next() {
        if (unread.isEmpty()) {
            poll().forEach(unread::add);
        }
        return unread.poll();
    }

    /** One poll; a record that cannot be decoded (a poison test record) is stepped over. */
    private org.apache.kafka.clients.consumer.ConsumerRecords<String, V> poll() {
        try {
            return consumer.poll(Duration.ofMillis(200));
        } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
            undecodable++;
            lastUndecodable = e.topicPartition() + "@" + e.offset() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return org.apache.kafka.clients.consumer.ConsumerRecords.empty();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
