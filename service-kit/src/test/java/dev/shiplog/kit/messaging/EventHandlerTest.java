package dev.shiplog.kit.messaging;

import dev.shiplog.kit.log.LogPosition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.kit.repository.ProcessedEvents;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.kit.repository.ProjectionPositions;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentQueued;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * How a consumer applies an event, given the event and what applying it does, then what happened: once however
 * often it is delivered, transient failures waited out without skipping it, anything else tried three times and
 * then poison (its {@code onPoison} runs, and the handler throws for SmallRye's dead-letter strategy, which the
 * services' own tests prove on the real broker), a rule-breaking or undecodable event poison at once. The database
 * is stood in for by a set and a transaction that keeps its writes only when the work returned.
 */
class EventHandlerTest {

    final Set<String> committed = new HashSet<>();
    final List<String> pending = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();
    final EventHandler handler = new EventHandler(new ProcessedEvents(null) {
        @Override
        public boolean firstDelivery(String consumer, String eventId) {
            String key = consumer + "/" + eventId;
            if (committed.contains(key) || pending.contains(key)) {
                return false;
            }
            pending.add(key);
            return true;
        }
    }, new ProjectionGate(null, "test") {
        @Override
        public void enter() {
        }
    }, new ProjectionPositions(null, null) {
        @Override
        public void advance(String consumer, LogPosition position) {
            positions.add(position.offset());
        }
    }, new Transactions() {
        @Override
        public void inNew(Runnable work) {
            pending.clear();
            work.run(); // throws: nothing it wrote is kept
            committed.addAll(pending);
        }
    }, Duration.ofMillis(1));

    /** A projection whose apply does {@code what} and counts; it records what it was told was poison. */
    static final class Counting implements Projection {
        final Consumer<Integer> what;
        int applied;
        final List<String> poison = new ArrayList<>();

        Counting(Consumer<Integer> what) {
            this.what = what;
        }

        @Override
        public String consumer() {
            return "test.consumer";
        }

        @Override
        public List<Topics.Topic> topics() {
            return List.of(Topics.DEPLOYMENT_EVENTS);
        }

        @Override
        public void apply(Delivery delivery) {
            what.accept(++applied);
        }

        @Override
        public void onPoison(Delivery delivery, String reason) {
            poison.add(reason);
        }
    }

    static ConsumerRecord<String, SpecificRecord> record(long offset, String eventId, String deploymentId) {
        DeploymentQueued event = DeploymentQueued.newBuilder().setEnvelope(Envelope.newBuilder().setEventId(eventId)
                .setOccurredAt(Instant.parse("2026-12-06T10:00:00Z")).setActor("test").setCorrelationId(deploymentId)
                .build()).setDeploymentId(deploymentId).setProjectId("shop").setEnvironment("staging").setPosition(0)
                .build();
        return new ConsumerRecord<>(Topics.DEPLOYMENT_EVENTS.name(), 0, offset, "shop/staging", event);
    }

    static final String ID = "9b1d6c3e-1f2a-4b5c-8d7e-0a1b2c3d4e5f";

    @Test
    void anEventDeliveredAgainChangesNothing() {
        Counting projection = new Counting(n -> { });
        handler.handle(projection, record(7, "e1", ID));
        handler.handle(projection, record(7, "e1", ID));
        assertEquals(1, projection.applied);
        assertEquals(List.of(7L, 7L), positions, "the projection is past it either way");
    }

    @Test
    void theDatabaseAwayIsWaitedOutAndTheEventIsAppliedNeverSkipped() {
        Counting projection = new Counting(n -> {
            if (n <= 5) {
                throw new RuntimeException(new SQLException("connection refused", "08001"));
            }
        });
        handler.handle(projection, record(3, "e2", ID));
        assertEquals(6, projection.applied, "tried until it went through, more often than a failure is");
        assertTrue(projection.poison.isEmpty());
        assertTrue(committed.contains("test.consumer/e2"));
    }

    @Test
    void aFailureThatIsNotAnOutageIsTriedThreeTimesThenPoisonAndTheConsumerGoesOn() {
        Counting projection = new Counting(n -> {
            throw new IllegalStateException("no such stage");
        });
        PoisonEventException poison = assertThrows(PoisonEventException.class,
                () -> handler.handle(projection, record(4, "e3", ID)));
        assertEquals(EventHandler.TRIES, projection.applied);
        assertEquals(1, projection.poison.size());
        assertTrue(projection.poison.get(0).contains("no such stage"), projection.poison.toString());
        assertTrue(poison.getMessage().contains("e3"), poison.getMessage());
        assertEquals(List.of(4L), positions, "past it: the next event is applied");
        assertTrue(!committed.contains("test.consumer/e3"), "not recorded as applied");
    }

    @Test
    void anEventThatBreaksTheCatalogsRulesIsPoisonAtOnceAndNeverApplied() {
        Counting projection = new Counting(n -> { });
        assertThrows(PoisonEventException.class,
                () -> handler.handle(projection, record(5, "e4", "../../etc/passwd")));
        assertEquals(0, projection.applied);
        assertEquals(1, projection.poison.size());
        assertTrue(projection.poison.get(0).contains("deploymentId"), projection.poison.toString());
    }

    @Test
    void aRecordThatIsNotAKnownEventIsPoisonAtOnce() {
        Counting projection = new Counting(n -> { });
        assertThrows(UndecodableEventException.class, () -> handler.handle(projection,
                new ConsumerRecord<>(Topics.DEPLOYMENT_EVENTS.name(), 0, 6, "shop/staging", null)));
        assertEquals(0, projection.applied);
    }
}
