package dev.shiplog.pipeline.service.lane;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.kit.tx.AfterCommit;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.domain.lane.Decision;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.domain.lane.Lane;
import dev.shiplog.pipeline.domain.lane.Pin;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.service.instance.WorkerIdentity;
import dev.shiplog.pipeline.service.job.JobRunner;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a lane changes, from the log or not: in the caller's transaction, the lane is loaded and locked, the
 * operation applied ({@link Lane}: the rules), the lane and its pin saved, and the decisions carried out: events
 * into the outbox (on the log once the transaction committed, exactly once whatever instant the process dies), runs
 * started and stopped after the commit. Replayed into a rebuilt projection, a change touches the tables only.
 */
@ApplicationScoped
public class LaneChanges {

    private final LaneStore lanes;
    private final Outbox outbox;
    private final EventPublisher events;
    private final JobRunner runner;
    private final WorkerIdentity self;
    private final TransactionSynchronizationRegistry transactions;
    private final DeploymentEvents factory = DeploymentEvents.system();

    public LaneChanges(LaneStore lanes, Outbox outbox, @DeploymentEventsLog EventPublisher events, JobRunner runner,
            WorkerIdentity self, TransactionSynchronizationRegistry transactions) {
        this.lanes = lanes;
        this.outbox = outbox;
        this.events = events;
        this.runner = runner;
        this.self = self;
        this.transactions = transactions;
    }

    DeploymentEvents factory() {
        return factory;
    }

    String self() {
        return self.id();
    }

    LaneStore lanes() {
        return lanes;
    }

    /**
     * Applies {@code operation} to the environment's lane. {@code joining}: a request the operation adds, which may
     * leave at once (finished with {@code outcome}); {@code delivery}: the event it applies (null: the worker's own
     * decision, such as the sweeper's).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Decision> change(String projectId, String environment, Delivery delivery, String outcome,
            Entry joining, Function<Lane, List<Decision>> operation) {
        List<Entry> before = lanes.lockLane(projectId, environment);
        Pin pinned = lanes.pin(projectId, environment);
        Lane lane = new Lane(projectId, environment, before, pinned, factory);
        List<Decision> decisions = operation.apply(lane);
        Instant at = delivery == null ? Instant.now() : delivery.occurredAt();
        List<Entry> known = before;
        if (joining != null) {
            known = new ArrayList<>(before);
            known.add(joining);
        }
        lanes.save(known, lane.entries(), at, outcome);
        lanes.savePin(projectId, environment, pinned, lane.pin(), at);
        if (delivery != null && delivery.replay()) {
            return decisions; // a rebuild: the decisions were made and carried out when the event was first applied
        }
        String key = Topics.environmentKey(projectId, environment);
        for (Decision decision : decisions) {
            if (decision instanceof Decision.Emit emit) {
                outbox.add(events, key, emit.event());
            } else if (decision instanceof Decision.Run run) {
                afterCommit(() -> runner.run(run.deploymentId(), run.attempt()));
            } else if (decision instanceof Decision.Stop stop) {
                afterCommit(() -> runner.stop(stop.deploymentId()));
            }
        }
        return decisions;
    }

    /** Runs {@code action} once the current transaction has committed (never if it rolls back). */
    void afterCommit(Runnable action) {
        AfterCommit.run(transactions, action);
    }

    /** The cause of a decision the worker makes by itself (the sweeper, a timer): about {@code deploymentId}. */
    static Envelope ownCause(String deploymentId) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setActor(DeploymentEvents.ACTOR).setCorrelationId(deploymentId).build();
    }
}
