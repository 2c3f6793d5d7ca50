package dev.shiplog.pipeline;

import static dev.shiplog.pipeline.Pipelines.config;
import static dev.shiplog.pipeline.Pipelines.project;
import static dev.shiplog.pipeline.Pipelines.requested;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.repository.ProjectionGate;
import dev.shiplog.pipeline.lane.DeploymentEvents;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.service.LaneService;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.testing.InfraResource;
import dev.shiplog.testing.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * A cancel that comes after a run claimed to go live is too late, and the deployment succeeds. The claim is not on
 * the log, so a replay of the log (a rebuild) applies the same cancel before it: the finished row must be the same
 * either way, or a rebuild differs from the live projection (ChaosIT's rebuild found one such row).
 */
@QuarkusTest
@WithTestResource(InfraResource.class)
class CancelTooLateTest {

    private static final AtomicLong OFFSET = new AtomicLong(System.currentTimeMillis());

    @Inject
    LaneService lanes;

    @Inject
    ProjectionGate gate;

    @Test
    void aCancelTooLateLeavesTheSameFinishedRowOnWhicheverSideOfTheClaimItWasApplied() {
        String project = project();
        try {
            // as live applied it: the run claimed to go live, then the cancel came
            DeploymentRequested live = inEnvironment(project, "live-order");
            apply(live);
            int attempt = row(live).attempt;
            assertEquals(LaneService.Claim.GRANTED, lanes.claimActivation(project, "live-order",
                    live.getDeploymentId(), attempt));
            apply(cancel(live));
            apply(succeeded(live));
            // as a replay of the log applies it: the cancel before the end, with no claim known
            DeploymentRequested replayed = inEnvironment(project, "replay-order");
            apply(replayed);
            apply(cancel(replayed));
            apply(succeeded(replayed));

            for (DeploymentRequested request : new DeploymentRequested[] { live, replayed }) {
                LaneEntryEntity row = row(request);
                assertEquals("succeeded", row.outcome, request.getEnvironment());
                assertNull(row.cancelReason, request.getEnvironment());
            }
        } finally {
            // these events were applied, not written to the log: nothing of them may stay for a rebuild to miss
            QuarkusTransaction.requiringNew().run(() -> LaneEntryEntity.delete("projectId", project));
        }
    }

    private static DeploymentRequested inEnvironment(String project, String environment) {
        return DeploymentRequested.newBuilder(requested(project, config("true", ".", null, Map.of())))
                .setEnvironment(environment).build();
    }

    private static CancellationRequested cancel(DeploymentRequested request) {
        return CancellationRequested.newBuilder().setEnvelope(TestEvents.envelope(request.getDeploymentId()))
                .setDeploymentId(request.getDeploymentId()).setProjectId(request.getProjectId())
                .setEnvironment(request.getEnvironment()).setReason("too late").build();
    }

    private static SpecificRecord succeeded(DeploymentRequested request) {
        DeploymentEvents.Subject subject = new DeploymentEvents.Subject(request.getDeploymentId(),
                request.getProjectId(), request.getEnvironment(), request.getEnvelope().getOccurredAt(),
                request.getEnvelope());
        return DeploymentEvents.system().succeeded(subject, request.getVersion(), "http://127.0.0.1/d/",
                "http://127.0.0.1/e/", TestEvents.sha256(request.getDeploymentId()));
    }

    /** Applies {@code event} as a replay does: it changes the tables and starts nothing. */
    private void apply(SpecificRecord event) {
        Delivery delivery = new Delivery(event, (Envelope) event.get(0), Topics.DEPLOYMENT_EVENTS.name(), 0,
                OFFSET.incrementAndGet(), true);
        QuarkusTransaction.requiringNew().run(() -> {
            gate.enter();
            lanes.apply(delivery);
        });
    }

    private static LaneEntryEntity row(DeploymentRequested request) {
        return QuarkusTransaction.requiringNew()
                .call(() -> LaneEntryEntity.<LaneEntryEntity>findById(request.getDeploymentId()));
    }
}
