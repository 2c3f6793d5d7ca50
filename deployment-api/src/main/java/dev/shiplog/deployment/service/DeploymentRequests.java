package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.deployment.domain.access.Approvals;
import dev.shiplog.deployment.domain.access.DeploymentAction;
import dev.shiplog.deployment.domain.request.DeploymentRequestRules;
import dev.shiplog.deployment.domain.request.Idempotency;
import dev.shiplog.deployment.domain.request.Pins;
import dev.shiplog.deployment.domain.request.ProjectDefaults;
import dev.shiplog.deployment.domain.request.WaitingCap;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.IdempotencyKeys;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.config.GitSourcesConfig;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.rules.GitSources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns accepted deployment requests (built ones, rollbacks, promotions; from REST or Kafka) into
 * {@code DeploymentRequested} on the log, and answers only once the broker has it. The rules are the domain's
 * (defaults, validation, role, idempotency, pin); this loads what they need, asks them, and writes. Idempotency keys
 * are exact: the first request with a key takes it (a row lock, held while its event is written), so two concurrent
 * requests with one key make one deployment.
 */
@ApplicationScoped
public class DeploymentRequests {

    public static final String IDEMPOTENCY_KEY = Idempotency.HEADER;

    private final EventPublisher events;
    private final DeploymentMapper mapper;
    private final IdempotencyKeys keys;
    private final DeploymentApiConfig config;
    private final DeploymentAccess access;
    private final RequestFacts facts;
    private final GitSources.Policy sources;

    public DeploymentRequests(@DeploymentEventsLog EventPublisher events, DeploymentMapper mapper,
            IdempotencyKeys keys, DeploymentApiConfig config, GitSourcesConfig sources, DeploymentAccess access,
            RequestFacts facts) {
        this.events = events;
        this.mapper = mapper;
        this.keys = keys;
        this.config = config;
        this.access = access;
        this.facts = facts;
        this.sources = sources.policy();
    }

    /**
     * What a request came to: the deployment's id, whether this call created it (false: a retry), and where its
     * DeploymentRequested is on the log (null for a retry).
     */
    public record Outcome(String deploymentId, boolean created, LogPosition position) {
    }

    /** Who deploys, as what, whether the environment makes them wait for an approval, what it runs with. */
    private record Target(Actor actor, boolean approvalRequired, Snapshot snapshot) {
    }

    /** Validates and records a deployment request; with an idempotency key, at most once per key. */
    public Outcome request(NewDeployment asked, Caller caller, String idempotencyKey, Envelope cause) {
        NewDeployment request = ProjectDefaults.apply(asked, asked == null || asked.restore() != null ? null
                : facts.projectDefaults(asked.projectId()));
        Target target = authorize(request, caller, cause);
        List<Violation> violations = new ArrayList<>(rules(request));
        Violation keyRule = Idempotency.violation(idempotencyKey);
        if (keyRule != null) {
            violations.add(keyRule);
        }
        Refusals.throwIf(violations);
        Refusals.throwIf(WaitingCap.refusal(request, facts.waiting(request.projectId(), request.environment()),
                config.limits().maxWaiting()));
        if (idempotencyKey == null) {
            String id = UUID.randomUUID().toString();
            Refusals.throwIf(Pins.refusal(request, facts.pin(request.projectId(), request.environment())));
            return new Outcome(id, true, publish(id, request, target, null, cause));
        }
        String fingerprint = Idempotency.fingerprint(mapper.canonical(request));
        EventLogUnavailableException[] unavailable = { null };
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            String newId = UUID.randomUUID().toString();
            Idempotency.Decision decision = Idempotency.decide(keys.claim(request.projectId(), idempotencyKey,
                    fingerprint, newId, config.idempotencyWindow()), fingerprint, newId, config.idempotencyWindow());
            if (decision instanceof Idempotency.Refuse refuse) {
                throw Refusals.exception(refuse.refusal());
            }
            if (decision instanceof Idempotency.Answer answer) {
                return new Outcome(answer.deploymentId(), false, null);
            }
            Idempotency.Publish publish = (Idempotency.Publish) decision;
            if (publish.renew()) {
                keys.renew(request.projectId(), idempotencyKey, fingerprint, publish.deploymentId());
            }
            Refusals.throwIf(Pins.refusal(request, facts.pin(request.projectId(), request.environment())));
            LogPosition position;
            try {
                position = publish(publish.deploymentId(), request, target, idempotencyKey, cause);
            } catch (EventLogUnavailableException e) {
                unavailable[0] = e; // the key is kept, not published: a retry sends the same deployment again
                return null;
            }
            keys.published(request.projectId(), idempotencyKey);
            return new Outcome(publish.deploymentId(), true, position);
        });
        if (unavailable[0] != null) {
            throw unavailable[0];
        }
        return outcome;
    }

    /** Every rule {@code request} breaks, as it is (no project defaults), for a command from Kafka. */
    public List<InvalidInputException.Violation> violations(NewDeployment request) {
        return Refusals.invalid(rules(request)).violations();
    }

    private List<Violation> rules(NewDeployment request) {
        return DeploymentRequestRules.violations(request, Instant.now(), sources, facts);
    }

    /**
     * The caller must be allowed to deploy there (a deployer, a maintainer in a protected environment): asked first,
     * once the names can be looked up (a 400 names them otherwise).
     */
    private Target authorize(NewDeployment request, Caller caller, Envelope cause) {
        if (!DeploymentRequestRules.namesAreValid(request)) {
            throw Refusals.invalid(rules(request));
        }
        RequestFacts.EnvironmentNow environment = facts.environment(request.projectId(), request.environment());
        Actor actor = access.mayChange(caller, request.projectId(), request.environment(),
                environment != null && environment.protectedEnvironment(), DeploymentAction.of(request),
                request.restore() == null ? null : request.restore().from(), cause);
        return new Target(actor, environment != null && environment.approvalRequired(),
                request.snapshotWith(environment == null ? null : environment.snapshot()));
    }

    private LogPosition publish(String id, NewDeployment request, Target target, String idempotencyKey,
            Envelope cause) {
        Envelope envelope = Envelopes.root(target.actor(), id, cause == null ? null : cause.getEventId());
        DeploymentRequested requested = mapper.toRequested(id, request, envelope, idempotencyKey, target.snapshot());
        Instant expiry = Approvals.expiry(target.approvalRequired(), envelope.getOccurredAt(),
                config.approvalTimeout());
        if (expiry != null) {
            requested.setApprovalRequired(true);
            requested.setApprovalExpiresAt(expiry);
        }
        return events.publish(EnvironmentRef.of(request.projectId(), request.environment()).key(), requested);
    }
}
