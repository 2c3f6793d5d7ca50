package dev.shiplog.kit.rebuild;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventDeserializer;
import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.kit.messaging.KafkaClientConfig;
import dev.shiplog.kit.log.LogPosition;
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
            if (!Sql.bool(control, "select pg_try_advisory_lock(" + lockKey + ")")) {
                throw new ConflictException("A rebuild of " + schema + " is already running");
            }
            try {
                Sql.execute(control, "drop schema if exists " + next + " cascade");
                Flyway.configure().configuration(flyway.getConfiguration()).schemas(next).defaultSchema(next)
                        .createSchemas(true).load().migrate();
                long t0 = System.nanoTime();
                List<Replay> replays = new ArrayList<>();
                for (Projection projection : projections) {
                    if (projection.rebuildable()) {
                        replays.add(new Replay(projection, next, schema, kafka, registry, positions, entityManager, processed));
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
                    Sql.execute(control, "select pg_advisory_lock(" + gate.key() + ")");
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
                        Sql.execute(control, "insert into " + next + ".projection_position select * from " + schema
                                + ".projection_position on conflict do nothing");
                        // events decided but not relayed yet (the relay holds the gate too: none is relayed now)
                        Sql.execute(control, "insert into " + next + ".outbox select * from " + schema + ".outbox");
                        Sql.execute(control, "select setval(pg_get_serial_sequence('" + next + ".outbox', 'id'),"
                                + " greatest((select max(id) from " + next + ".outbox), (select last_value from "
                                + schema + ".outbox_id_seq), 1))");
                        Map<String, Set<String>> ignored = new HashMap<>();
                        Set<String> carried = new HashSet<>(NOT_COMPARED);
                        for (RebuildPlan plan : plans) {
                            ignored.putAll(plan.ignoredColumns());
                            carried.addAll(plan.notCompared());
                        }
                        Map<String, RebuildReport.Difference> differences = Comparison.compare(control, schema, next,
                                ignored, carried);
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
                        Sql.execute(control, "select pg_advisory_unlock(" + gate.key() + ")");
                    }
                    LOG.infof("rebuilt %s from the log: %s", schema, report);
                    return report;
                } finally {
                    replays.forEach(Replay::close);
                }
            } finally {
                Sql.execute(control, "drop schema if exists " + (switchOver ? retired : next) + " cascade");
                Sql.execute(control, "select pg_advisory_unlock(" + lockKey + ")");
            }
        }
    }

    private void swap(Connection control, String next, String retired) throws SQLException {
        control.setAutoCommit(false);
        try {
            Sql.execute(control, "drop schema if exists " + retired + " cascade");
            Sql.execute(control, "alter schema " + schema + " rename to " + retired);
            Sql.execute(control, "alter schema " + next + " rename to " + schema);
            control.commit();
        } catch (SQLException | RuntimeException e) {
            control.rollback();
            throw e;
        } finally {
            control.setAutoCommit(true);
        }
    }
}
