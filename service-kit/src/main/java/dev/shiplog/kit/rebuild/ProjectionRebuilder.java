package dev.shiplog.kit.rebuild;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventDeserializer;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.messaging.KafkaClientConfig;
import dev.shiplog.kit.messaging.LogPosition;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.kit.repository.ProcessedEvents;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.rules.EventRules;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * A real rebuild of a service's projection from the log: its tables are created afresh in a schema beside the live
 * one ({@code <schema>_next}, by the service's own migrations), every topic its projections read is replayed into
 * them from offset zero through the projections' own code ({@link Projection#apply}, with
 * {@link Delivery#replay()} set: nothing is published or run again), then, under the service's exclusive
 * {@link ProjectionGate} (no event half-applied anywhere, on any instance), the rest of the log is applied, the two
 * state not derived from the log is carried over ({@link RebuildPlan}), the two are compared row for row, and the
 * schemas are swapped in one transaction. The live consumers go on from their own offsets; what they see again is dropped by
 * {@code processed_event}, rebuilt with the rest.
 */
@ApplicationScoped
public class ProjectionRebuilder {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuilder.class);
    static final int BATCH = 500;
    static final Set<String> NOT_COMPARED = Set.of("flyway_schema_history", "processed_event",
            "projection_position", "outbox");

    private final Instance<Projection> projections;
    private final Instance<RebuildPlan> plans;
    private final AgroalDataSource dataSource;
    private final EntityManager entityManager;
    private final ProcessedEvents processed;
    private final ProjectionGate gate;
    private final Flyway flyway;
    private final String schema;
    private final KafkaClientConfig kafka;
    private final String registry;
    private final ProjectionPositions positions;

    /** How long a rebuild waits for the live consumers to have applied the log it replayed, before comparing. */
    static final Duration LIVE_CATCH_UP = Duration.ofSeconds(30);

    public ProjectionRebuilder(Instance<Projection> projections, Instance<RebuildPlan> plans,
            AgroalDataSource dataSource, EntityManager entityManager, ProcessedEvents processed,
            ProjectionGate gate, Flyway flyway, @ConfigProperty(name = "quarkus.flyway.schemas") String schema,
            KafkaClientConfig kafka,
            @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.apicurio.registry.url") String registry,
            ProjectionPositions positions) {
        this.positions = positions;
        this.projections = projections;
        this.plans = plans;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.processed = processed;
        this.gate = gate;
        this.flyway = flyway;
        this.schema = schema;
        this.kafka = kafka;
        this.registry = registry;
    }

    /**
     * Rebuilds the projection beside the live one and compares them; with {@code switchOver}, then serves the rebuilt
     * one, else drops it. One rebuild at a time per service (409 otherwise).
     */
    public RebuildReport rebuild(boolean switchOver) throws SQLException {
        String next = schema + "_next";
        String retired = schema + "_retired";
        long lockKey = gate.key() + 1;
        try (Connection control = dataSource.getConnection()) {
            if (!bool(control, "select pg_try_advisory_lock(" + lockKey + ")")) {
                throw new ConflictException("A rebuild of " + schema + " is already running");
            }
            try {
                execute(control, "drop schema if exists " + next + " cascade");
                Flyway.configure().configuration(flyway.getConfiguration()).schemas(next).defaultSchema(next)
                        .createSchemas(true).load().migrate();
                long t0 = System.nanoTime();
                List<Replay> replays = new ArrayList<>();
                for (Projection projection : projections) {
                    if (projection.rebuildable()) {
                        replays.add(new Replay(projection, next));
                    }
                }
                try {
                    for (Replay replay : replays) {
                        replay.toEnd();
                    }
                    // the live consumers may lag behind the log's end: the comparison waits (bounded) for them
                    for (Replay replay : replays) {
                        replay.awaitLive();
                    }
                    RebuildReport report;
                    execute(control, "select pg_advisory_lock(" + gate.key() + ")");
                    try {
                        for (Replay replay : replays) {
                            // what the live consumers applied meanwhile, and no further: they are held at the gate,
                            // and what arrived after they stopped is theirs to apply after it, and the rebuilt one's
                            replay.toLive(control);
                        }
                        for (RebuildPlan plan : plans) {
                            plan.carryOver(control, schema, next);
                        }
                        // how far the live consumers are: the rebuilt tables are as far (the gate holds them)
                        execute(control, "insert into " + next + ".projection_position select * from " + schema
                                + ".projection_position on conflict do nothing");
                        // events decided but not relayed yet (the relay holds the gate too: none is relayed now)
                        execute(control, "insert into " + next + ".outbox select * from " + schema + ".outbox");
                        execute(control, "select setval(pg_get_serial_sequence('" + next + ".outbox', 'id'),"
                                + " greatest((select max(id) from " + next + ".outbox), (select last_value from "
                                + schema + ".outbox_id_seq), 1))");
                        Map<String, RebuildReport.Difference> differences = compare(control, next);
                        long events = replays.stream().mapToLong(r -> r.applied).sum();
                        long skipped = replays.stream().mapToLong(r -> r.skipped).sum();
                        long millis = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
                        if (switchOver) {
                            swap(control, next, retired);
                        }
                        report = new RebuildReport(schema, events, skipped, millis, events * 1000 / millis,
                                differences, differences.values().stream()
                                        .allMatch(d -> d.onlyLive() == 0 && d.onlyRebuilt() == 0),
                                switchOver);
                    } finally {
                        execute(control, "select pg_advisory_unlock(" + gate.key() + ")");
                    }
                    LOG.infof("rebuilt %s from the log: %s", schema, report);
                    return report;
                } finally {
                    replays.forEach(Replay::close);
                }
            } finally {
                execute(control, "drop schema if exists " + (switchOver ? retired : next) + " cascade");
                execute(control, "select pg_advisory_unlock(" + lockKey + ")");
            }
        }
    }

    private void swap(Connection control, String next, String retired) throws SQLException {
        control.setAutoCommit(false);
        try {
            execute(control, "drop schema if exists " + retired + " cascade");
            execute(control, "alter schema " + schema + " rename to " + retired);
            execute(control, "alter schema " + next + " rename to " + schema);
            control.commit();
        } catch (SQLException | RuntimeException e) {
            control.rollback();
            throw e;
        } finally {
            control.setAutoCommit(true);
        }
    }

    /** Rows only in the live tables and only in the rebuilt ones, per table, ignoring the plan's columns. */
    Map<String, RebuildReport.Difference> compare(Connection c, String next) throws SQLException {
        Map<String, Set<String>> ignored = new HashMap<>();
        Set<String> carried = new HashSet<>(NOT_COMPARED);
        for (RebuildPlan plan : plans) {
            ignored.putAll(plan.ignoredColumns());
            carried.addAll(plan.notCompared());
        }
        Map<String, RebuildReport.Difference> out = new LinkedHashMap<>();
        for (String table : strings(c, "select table_name from information_schema.tables where table_schema = '"
                + next + "' and table_type = 'BASE TABLE' order by table_name")) {
            if (carried.contains(table)) {
                continue;
            }
            List<String> columns = strings(c, "select column_name from information_schema.columns where table_schema"
                    + " = '" + next + "' and table_name = '" + table + "' order by ordinal_position");
            columns.removeAll(ignored.getOrDefault(table, Set.of()));
            String list = String.join(", ", columns.stream().map(col -> "\"" + col + "\"").toList());
            String live = "select " + list + " from " + schema + "." + table;
            String rebuilt = "select " + list + " from " + next + "." + table;
            RebuildReport.Difference difference = new RebuildReport.Difference(
                    count(c, "select count(*) from (" + live + " except all " + rebuilt + ") d"),
                    count(c, "select count(*) from (" + rebuilt + " except all " + live + ") d"));
            if (difference.onlyLive() + difference.onlyRebuilt() > 0) {
                // a few of the rows, for whoever looks into it
                LOG.warnf("%s differs: only live %s; only rebuilt %s", table,
                        strings(c, "select d::text from (" + live + " except all " + rebuilt + ") d limit 3"),
                        strings(c, "select d::text from (" + rebuilt + " except all " + live + ") d limit 3"));
            }
            out.put(table, difference);
        }
        return out;
    }

    /** One projection's topics, read from offset zero into the rebuilt schema. */
    private final class Replay implements AutoCloseable {
        private final Projection projection;
        private final String target;
        private final KafkaConsumer<String, SpecificRecord> consumer;
        long applied;
        long skipped;

        Replay(Projection projection, String target) {
            this.projection = projection;
            this.target = target;
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
                    + schema + ".projection_position where consumer = ?")) {
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
            for (int attempt = 1;; attempt++) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        useTarget();
                        batch.forEach(this::applyOne);
                    });
                    applied += batch.stream().filter(r -> usable(r)).count();
                    skipped += batch.stream().filter(r -> !usable(r)).count();
                    return;
                } catch (RuntimeException e) {
                    if (Failures.isTransient(e) && attempt < 100) {
                        pause();
                        continue;
                    }
                    LOG.warnf("rebuild of %s: a batch failed (%s); applying its events one by one",
                            projection.consumer(), Failures.rootMessage(e));
                    oneByOne(batch);
                    return;
                }
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

    private static void pause() {
        try {
            Thread.sleep(500); // a pause between tries while the database is away, not a synchronization
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean bool(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
