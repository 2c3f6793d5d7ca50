package dev.shiplog.kit.rebuild;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventDeserializer;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.messaging.KafkaClientConfig;
import dev.shiplog.kit.messaging.Outages;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.kit.repository.ProcessedEvents;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.rules.EventRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/** One projection's topics, read from offset zero into the rebuilt schema ({@code target}). */
/** One projection's topics, read from offset zero into the rebuilt schema. */
final class Replay implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Replay.class);
    static final int BATCH = 500;
    /** How long a replay waits out the database being away before it gives up on a batch. */
    static final Duration OUTAGE = Duration.ofSeconds(60);
    /** How long a rebuild waits for the live consumers to have applied the log it replayed, before comparing. */
    static final Duration LIVE_CATCH_UP = Duration.ofSeconds(30);

    private final Projection projection;
    private final String target;
    private final String liveSchema;
    private final ProjectionPositions positions;
    private final EntityManager entityManager;
    private final ProcessedEvents processed;
    private final KafkaConsumer<String, SpecificRecord> consumer;
    long applied;
    long skipped;

    Replay(Projection projection, String target, String liveSchema, KafkaClientConfig kafka, String registry,
            ProjectionPositions positions, EntityManager entityManager, ProcessedEvents processed) {
        this.projection = projection;
        this.target = target;
        this.liveSchema = liveSchema;
        this.positions = positions;
        this.entityManager = entityManager;
        this.processed = processed;
        Map<String, Object> props = kafka.with(Map.of());
        props.put("group.id", projection.consumer() + ".rebuild-" + UUID.randomUUID());
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", String.valueOf(BATCH));
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", EventDeserializer.class.getName());
        props.put("apicurio.registry.url", registry);
        props.put("apicurio.registry.use-specific-avro-reader", "true");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topics.Topic topic : projection.topics()) {
            consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private Map<TopicPartition, Long> replayedTo = Map.of();

    /** Waits (bounded) until the live consumer has applied what this replay read (the last of each partition). */
    void awaitLive() {
        java.time.Instant deadline = java.time.Instant.now().plus(LIVE_CATCH_UP);
        for (Map.Entry<TopicPartition, Long> end : replayedTo.entrySet()) {
            if (end.getValue() > 0) {
                Duration left = Duration.between(java.time.Instant.now(), deadline);
                if (left.isNegative() || !positions.await(projection.consumer(), new LogPosition(
                        end.getKey().topic(), end.getKey().partition(), end.getValue() - 1), left)) {
                    LOG.warnf("%s: the live consumer has not applied %s up to %d; comparing anyway",
                            projection.consumer(), end.getKey(), end.getValue() - 1);
                }
            }
        }
    }

    /** Applies everything up to the end of the topics as they are now. */
    void toEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        replayedTo = ends;
        replayTo(ends);
    }

    /**
     * Applies what the live consumer has applied, as its {@code projection_position} rows say, beyond what this
     * replay read: then both have seen the same events (while the gate holds the live consumer).
     */
    void toLive(Connection control) throws SQLException {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Map<TopicPartition, Long> live = new HashMap<>();
        try (PreparedStatement s = control.prepareStatement("select topic, partition_id, applied_offset from "
                + liveSchema + ".projection_position where consumer = ?")) {
            s.setString(1, projection.consumer());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    TopicPartition partition = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (consumer.assignment().contains(partition)) {
                        live.put(partition, Math.min(rs.getLong(3) + 1, ends.get(partition)));
                    }
                }
            }
        }
        replayTo(live);
    }

    /** Applies each partition's records up to (not including) its offset in {@code targets}, and none after. */
    private void replayTo(Map<TopicPartition, Long> targets) {
        Set<TopicPartition> done = new HashSet<>();
        for (TopicPartition partition : consumer.assignment()) {
            if (consumer.position(partition) >= targets.getOrDefault(partition, 0L)) {
                done.add(partition);
            }
        }
        consumer.pause(done);
        try {
            while (done.size() < consumer.assignment().size()) {
                List<ConsumerRecord<String, SpecificRecord>> batch = new ArrayList<>();
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (done.contains(partition)) {
                        continue; // already put back to its first record past the target
                    }
                    if (record.offset() < targets.getOrDefault(partition, 0L)) {
                        batch.add(record);
                    } else {
                        consumer.seek(partition, record.offset()); // the next read starts here again
                        consumer.pause(List.of(partition));
                        done.add(partition);
                    }
                }
                if (!batch.isEmpty()) {
                    apply(batch);
                }
                for (TopicPartition partition : consumer.assignment()) {
                    if (!done.contains(partition)
                            && consumer.position(partition) >= targets.getOrDefault(partition, 0L)) {
                        consumer.pause(List.of(partition));
                        done.add(partition);
                    }
                }
            }
        } finally {
            consumer.resume(consumer.assignment());
        }
    }

    private void apply(List<ConsumerRecord<String, SpecificRecord>> batch) {
        try {
            Outages.rideOut(OUTAGE, () -> {
                QuarkusTransaction.requiringNew().run(() -> {
                    useTarget();
                    batch.forEach(this::applyOne);
                });
                return null;
            });
            applied += batch.stream().filter(r -> usable(r)).count();
            skipped += batch.stream().filter(r -> !usable(r)).count();
        } catch (RuntimeException e) {
            LOG.warnf("rebuild of %s: a batch failed (%s); applying its events one by one",
                    projection.consumer(), Failures.rootMessage(e));
            oneByOne(batch);
        }
    }

    private void oneByOne(List<ConsumerRecord<String, SpecificRecord>> batch) {
        for (ConsumerRecord<String, SpecificRecord> record : batch) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    useTarget();
                    applyOne(record);
                });
                if (usable(record)) {
                    applied++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                skipped++;
                LOG.warnf("rebuild of %s: %s skipped, as the live consumer dead-letters it: %s",
                        projection.consumer(), record.topic() + "/" + record.partition() + "@" + record.offset(),
                        Failures.rootMessage(e));
            }
        }
    }

    private void useTarget() {
        entityManager.createNativeQuery("set local search_path to " + target).executeUpdate();
    }

    private void applyOne(ConsumerRecord<String, SpecificRecord> record) {
        if (!usable(record)) {
            return;
        }
        SpecificRecord event = record.value();
        Envelope envelope = (Envelope) event.get(0);
        if (processed.firstDelivery(projection.consumer(), envelope.getEventId())) {
            projection.apply(new Delivery(event, envelope, record.topic(), record.partition(), record.offset(),
                    true));
        }
    }

    private boolean usable(ConsumerRecord<String, SpecificRecord> record) {
        return record.value() != null && EventRules.violations(record.value()).isEmpty();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
