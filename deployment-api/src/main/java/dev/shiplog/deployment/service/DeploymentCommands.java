package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.IdempotencyKeys;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Turns accepted requests into events on the log, and answers only once the broker has them. Idempotency keys are
 * exact: the first request with a key takes it (a row lock, held while its event is written), so two concurrent
 * requests with one key make one deployment; the same key with another request is refused (422) for
 * {@code shiplog.idempotency-window}; a request whose event did not reach the log keeps its deployment id for the
 * retry, so a lost acknowledgement never makes two deployments.
 */
@ApplicationScoped
public class DeploymentCommands {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EventPublisher events;
    private final DeploymentMapper mapper;
    private final SourceArchives sources;
    private final IdempotencyKeys keys;
    private final DeploymentApiConfig config;

    public DeploymentCommands(@DeploymentEventsLog EventPublisher events, DeploymentMapper mapper,
            SourceArchives sources, IdempotencyKeys keys, DeploymentApiConfig config) {
        this.events = events;
        this.mapper = mapper;
        this.sources = sources;
        this.keys = keys;
        this.config = config;
    }

    /** What a request came to: the deployment's id, and whether this call created it (false: a retry). */
    public record Outcome(String deploymentId, boolean created) {
    }

    /** Validates and records a deployment request; with an idempotency key, at most once per key. */
    public Outcome request(NewDeployment request, String actor, String idempotencyKey, Envelope cause) {
        List<Violation> violations = violations(request);
        if (idempotencyKey != null) {
            String rule = FieldRules.line(idempotencyKey, FieldRules.IDEMPOTENCY_KEY);
            if (rule != null) {
                violations.add(new Violation(IDEMPOTENCY_KEY, rule));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (idempotencyKey == null) {
            String id = UUID.randomUUID().toString();
            publish(id, request, actor, null, cause);
            return new Outcome(id, true);
        }
        String fingerprint = sha256(mapper.canonical(request));
        EventLogUnavailableException[] unavailable = { null };
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            String id = UUID.randomUUID().toString();
            IdempotencyKeys.Key held = keys.claim(request.projectId(), idempotencyKey, fingerprint, id,
                    config.idempotencyWindow());
            if (held != null && held.expired()) {
                keys.renew(request.projectId(), idempotencyKey, fingerprint, id);
            } else if (held != null && !held.fingerprint().equals(fingerprint)) {
                throw new UnprocessableException(IDEMPOTENCY_KEY, "was already used for a different request (deployment "
                        + held.deploymentId() + "); a key stands for one request for "
                        + config.idempotencyWindow().toHours() + " h");
            } else if (held != null && held.published()) {
                return new Outcome(held.deploymentId(), false);
            } else if (held != null) {
                id = held.deploymentId(); // an earlier try did not reach the log: the retry is the same deployment
            }
            try {
                publish(id, request, actor, idempotencyKey, cause);
            } catch (EventLogUnavailableException e) {
                unavailable[0] = e; // the key is kept, not published: a retry sends the same deployment again
                return null;
            }
            keys.published(request.projectId(), idempotencyKey);
            return new Outcome(id, true);
        });
        if (unavailable[0] != null) {
            throw unavailable[0];
        }
        return outcome;
    }

    private void publish(String id, NewDeployment request, String actor, String idempotencyKey, Envelope cause) {
        Envelope envelope = Envelopes.root(actor, id, cause == null ? null : cause.getEventId());
        events.publish(Topics.environmentKey(request.projectId(), request.environment()),
                mapper.toRequested(id, request, envelope, idempotencyKey));
    }

    /** Every rule {@code request} breaks, including naming an environment that does not exist. */
    public List<Violation> violations(NewDeployment request) {
        List<Violation> violations = new ArrayList<>(DeploymentValidator.violations(request));
        if (violations.isEmpty() && request.archiveId() != null && !sources.exists(request.archiveId())) {
            violations.add(new Violation("archiveId", "no uploaded source archive has this id (POST /api/sources)"));
        }
        if (violations.isEmpty() && !QuarkusTransaction.joiningExisting().call(
                () -> KnownEnvironment.exists(request.projectId(), request.environment()))) {
            boolean project = QuarkusTransaction.joiningExisting().call(
                    () -> KnownEnvironment.projectExists(request.projectId()));
            violations.add(project
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
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.identifier(deploymentId) != null) {
            violations.add(new Violation("id", FieldRules.identifier(deploymentId)));
        }
        if (reason != null && FieldRules.line(reason, FieldRules.REASON) != null) {
            violations.add(new Violation("reason", FieldRules.line(reason, FieldRules.REASON)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        DeploymentEntity deployment = QuarkusTransaction.joiningExisting()
                .call(() -> DeploymentEntity.findById(deploymentId));
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

    /** Keys older than the window are forgotten, hourly. */
    @Scheduled(every = "1h", delayed = "1m")
    void forgetOldKeys() {
        QuarkusTransaction.requiringNew().run(() -> keys.forgetOlderThan(config.idempotencyWindow()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
