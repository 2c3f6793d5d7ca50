package dev.shiplog.pipeline.service.lane;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.outbox.Outbox;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.domain.lane.Entry;
import dev.shiplog.pipeline.domain.lane.Lane;
import dev.shiplog.pipeline.domain.lane.LiveRelease;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.LaneStore;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.service.job.Activation;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * What the worker asks of a lane by itself, each in a transaction of its own that holds the projection's gate (a
 * rebuild's switch never loses one): a run's claim to go live, and the sweeper's and the timers' decisions (adopt an
 * orphan, expire an approval, let a scheduled deployment take its place, start a lane's stalled head).
 */
@ApplicationScoped
public class LaneCommands implements Activation {

    private final LaneChanges changes;
    private final LaneStore lanes;
    private final ReleaseStore releases;
    private final ProjectionGate gate;
    private final Outbox outbox;
    private final EventPublisher events;

    public LaneCommands(LaneChanges changes, LaneStore lanes, ReleaseStore releases, ProjectionGate gate,
            Outbox outbox, @DeploymentEventsLog EventPublisher events) {
        this.changes = changes;
        this.lanes = lanes;
        this.releases = releases;
        this.gate = gate;
        this.outbox = outbox;
        this.events = events;
    }

    /**
     * A run asks to go live. Granted at most once, to the attempt that holds the lane, unless cancelled first; the
     * grant is on the log ({@code DeploymentGoingLive}) with the lane's change, in one transaction.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claim(String projectId, String environment, String deploymentId, int attempt) {
        gate.enter();
        List<Entry> before = lanes.lockLane(projectId, environment);
        DeploymentEvents factory = changes.factory();
        Lane lane = new Lane(projectId, environment, before, factory);
        String self = changes.self();
        if (lane.claimActivation(deploymentId, attempt, self)) {
            lanes.save(before, lane.entries(), Instant.now(), null);
            Entry entry = lane.entry(deploymentId).orElseThrow();
            outbox.add(events, Topics.environmentKey(projectId, environment), factory.goingLive(
                    new DeploymentEvents.Subject(deploymentId, projectId, environment, entry.requestedAt(),
                            LaneChanges.ownCause(deploymentId)), attempt, self));
            return Claim.GRANTED;
        }
        return lane.entry(deploymentId).filter(e -> e.cancelReason() != null && self.equals(e.owner())
                && e.attempt() == attempt).isPresent() ? Claim.CANCELLED : Claim.NOT_YOURS;
    }

    /** The sweeper found {@code orphan} without a live worker: adopt it (run again, or end it as the log says). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void adopt(LaneEntryEntity orphan, int maxAttempts) {
        gate.enter();
        LiveRelease live = releases.live(orphan.projectId, orphan.environment)
                .map(r -> new LiveRelease(r.deploymentId, r.artifactId, r.deploymentUrl, r.environmentUrl,
                        r.previousDeploymentId))
                .orElse(null);
        changes.change(orphan.projectId, orphan.environment, null, null, null, lane -> lane.entry(orphan.deploymentId)
                // judged on what the sweeper read: if another instance adopted it meanwhile, it is not an orphan
                .filter(e -> java.util.Objects.equals(e.owner(), orphan.owner) && e.attempt() == orphan.attempt)
                .map(e -> lane.orphan(orphan.deploymentId, live, maxAttempts,
                        LaneChanges.ownCause(orphan.deploymentId), changes.self()))
                .orElse(List.of()));
    }

    /** The sweeper found a deployment whose approval expired: it is cancelled. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void expire(String projectId, String environment, String deploymentId) {
        gate.enter();
        changes.change(projectId, environment, null, "cancelled", null, lane -> lane.expire(deploymentId,
                Instant.now(), LaneChanges.ownCause(deploymentId), changes.self()));
    }

    /** A scheduled deployment's time has come: it takes its place (or is cancelled, if the environment is pinned). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void due(String projectId, String environment, String deploymentId) {
        gate.enter();
        changes.change(projectId, environment, null, "cancelled", null, lane -> lane.due(deploymentId, Instant.now(),
                LaneChanges.ownCause(deploymentId), changes.self()));
    }

    /**
     * A lane with deployments waiting: if its head should run and does not (a lost start), it runs. True if one
     * was started.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean startStalled(EnvironmentRef environment) {
        gate.enter();
        return !changes.change(environment.projectId(), environment.environment(), null, null, null,
                lane -> lane.startStalledHead(LaneChanges.ownCause(environment.key()), changes.self())).isEmpty();
    }
}
