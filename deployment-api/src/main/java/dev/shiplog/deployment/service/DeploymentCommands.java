package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.rest.DeploymentRequest;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Turns accepted requests into events on the log. Holds no state: the log is the state. */
@ApplicationScoped
public class DeploymentCommands {

    private final EventPublisher events;
    private final DeploymentMapper mapper;
    private final SourceArchives sources;

    public DeploymentCommands(@Channel("deployment-events-out") MutinyEmitter<SpecificRecord> emitter,
            DeploymentApiConfig config, DeploymentMapper mapper, SourceArchives sources) {
        this.events = new EventPublisher(emitter, config.publishTimeout());
        this.mapper = mapper;
        this.sources = sources;
    }

    /** What a request came to: the deployment's id, and whether this call created it (false: a retry). */
    public record Outcome(String deploymentId, boolean created) {
    }

    /**
     * Validates and records a deployment request. With an idempotency key, the id is derived from it, so a retried
     * request names the same deployment and is not recorded twice.
     */
    public Outcome requestDeployment(DeploymentRequest request, String actor, String idempotencyKey,
            Envelope cause) {
        List<Violation> violations = violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        String id = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((request.projectId() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                        .toString();
        if (idempotencyKey != null && DeploymentEntity.findById(id) != null) {
            return new Outcome(id, false);
        }
        DeploymentRequested event = mapper.toRequested(id, request, actor, idempotencyKey, cause);
        events.publish(Topics.environmentKey(request.projectId(), request.environment()), event);
        return new Outcome(id, true);
    }

    /** Every rule {@code request} breaks, including naming an environment that does not exist. */
    public List<Violation> violations(DeploymentRequest request) {
        List<Violation> violations = new ArrayList<>(DeploymentValidator.violations(request));
        if (violations.isEmpty() && request.archiveId() != null && !sources.exists(request.archiveId())) {
            violations.add(new Violation("archiveId", "no uploaded source archive has this id (POST /api/sources)"));
        }
        if (violations.isEmpty() && !KnownEnvironment.exists(request.projectId(), request.environment())) {
            violations.add(KnownEnvironment.projectExists(request.projectId())
                    ? new Violation("environment", "environment " + request.environment() + " of project "
                            + request.projectId() + " does not exist (configure it with PUT"
                            + " /api/projects/{id}/environments/{env})")
                    : new Violation("projectId", "project " + request.projectId() + " has no environment yet"
                            + " (configure one with PUT /api/projects/{id}/environments/{env})"));
        }
        return violations;
    }

    /** Asks the pipeline to cancel a queued or running deployment. */
    public void cancel(String deploymentId, String actor, String reason, Envelope cause) {
        DeploymentEntity deployment = DeploymentEntity.findById(deploymentId);
        if (deployment == null) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        if (DeploymentStatus.fromWire(deployment.status).map(DeploymentStatus::finished).orElse(false)) {
            throw new ConflictException("Deployment " + deploymentId + " is already " + deployment.status
                    + "; only a pending or running deployment can be cancelled");
        }
        events.publish(Topics.environmentKey(deployment.projectId, deployment.environment),
                CancellationRequested.newBuilder()
                        .setEnvelope(cause != null ? Envelopes.causedBy(cause, actor)
                                : Envelopes.root(actor, deploymentId, null))
                        .setDeploymentId(deploymentId)
                        .setProjectId(deployment.projectId)
                        .setEnvironment(deployment.environment)
                        .setReason(reason)
                        .build());
    }
}
