package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.DeploymentStatus;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.IdempotencyKeys;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.KnownProject;
import dev.shiplog.deployment.repository.ReleaseFacts;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventLogUnavailableException;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CancellationRequested;
import dev.shiplog.schema.deployment.event.DeploymentApproved;
import dev.shiplog.schema.deployment.event.DeploymentRejected;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.GitSources;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private final AccessGuard access;

    /** A scheduled time may be this much in the past (the client's clock, the trip here); then it is "now". */
    static final Duration SCHEDULE_SLACK = Duration.ofSeconds(30);
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(366);

    private final ReleaseFacts facts;

    public DeploymentCommands(@DeploymentEventsLog EventPublisher events, DeploymentMapper mapper,
            SourceArchives sources, IdempotencyKeys keys, DeploymentApiConfig config, AccessGuard access,
            ReleaseFacts facts) {
        this.facts = facts;
        this.events = events;
        this.mapper = mapper;
        this.sources = sources;
        this.keys = keys;
        this.config = config;
        this.access = access;
    }

    /**
     * What a request came to: the deployment's id, whether this call created it (false: a retry), and where its
     * DeploymentRequested is on the log (null for a retry).
     */
    public record Outcome(String deploymentId, boolean created, LogPosition position) {
    }

    /** Validates and records a deployment request; with an idempotency key, at most once per key. */
    public Outcome request(NewDeployment asked, Caller caller, String idempotencyKey, Envelope cause) {
        NewDeployment request = withProjectDefaults(asked);
        Target target = authorize(request, caller, cause);
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
            refuseIfPinned(request);
            return new Outcome(id, true, publish(id, request, target, null, cause));
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
                return new Outcome(held.deploymentId(), false, null);
            } else if (held != null) {
                id = held.deploymentId(); // an earlier try did not reach the log: the retry is the same deployment
            }
            refuseIfPinned(request);
            LogPosition position;
            try {
                position = publish(id, request, target, idempotencyKey, cause);
            } catch (EventLogUnavailableException e) {
                unavailable[0] = e; // the key is kept, not published: a retry sends the same deployment again
                return null;
            }
            keys.published(request.projectId(), idempotencyKey);
            return new Outcome(id, true, position);
        });
        if (unavailable[0] != null) {
            throw unavailable[0];
        }
        return outcome;
    }

    /**
     * Who deploys, as what, whether the environment makes them wait for an approval, and the environment's
     * configuration the deployment runs with.
     */
    private record Target(Actor actor, boolean approvalRequired, Snapshot snapshot) {
    }

    /**
     * While a rollback pins the environment, only another rollback may go there (409 otherwise). The lane enforces it
     * too, for what was accepted before the pin was seen here.
     */
    private void refuseIfPinned(NewDeployment request) {
        if (request.restore() != null && request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK) {
            return;
        }
        ReleaseFacts.Pin pin = QuarkusTransaction.joiningExisting()
                .call(() -> facts.pin(request.projectId(), request.environment())).orElse(null);
        if (pin != null) {
            throw new ConflictException("Environment " + request.environment() + " of project " + request.projectId()
                    + " is pinned since " + pin.at() + " by rollback " + pin.rollbackDeploymentId()
                    + (pin.reason() == null ? "" : " (" + pin.reason() + ")") + "; unpin it first (POST /api/projects/"
                    + request.projectId() + "/environments/" + request.environment() + "/unpin)");
        }
    }

    /**
     * The caller must be a deployer of the project, a maintainer when the environment is protected. A REST call
     * beyond that is refused and recorded (403); a command from the log ({@code cause}) is answered by its handler.
     * Names that break their rules are left to the validation (a 400 names them).
     */
    private Target authorize(NewDeployment request, Caller caller, Envelope cause) {
        if (request.projectId() == null || FieldRules.name(request.projectId()) != null
                || request.environment() == null || FieldRules.name(request.environment()) != null) {
            throw new InvalidInputException(violations(request));
        }
        KnownEnvironment environment = QuarkusTransaction.joiningExisting()
                .call(() -> KnownEnvironment.find(request.projectId(), request.environment()));
        String what = request.restore() == null ? "deploying to"
                : request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK ? "rolling back"
                : "promoting into";
        Actor actor = mayDeploy(caller, request.projectId(), request.environment(), action(request),
                request.restore() == null ? null : request.restore().from(), what, cause);
        Snapshot snapshot = request.restore() != null && request.restore().snapshot() != null
                ? request.restore().snapshot() // a rollback: the target's, exactly as recorded
                : environment == null ? null
                        : new Snapshot(environment.url, mapper.map(environment.settingsJson), environment.bakeSeconds,
                                mapper.map(environment.variablesJson), mapper.sealed(environment.secretsJson));
        return new Target(actor, environment != null && environment.approvalRequired, snapshot);
    }

    /**
     * Whether {@code caller} may {@code what} ("deploying to", "rolling back") {@code environment}: a deployer of the
     * project, a maintainer when the environment is protected. A REST call beyond that is refused and recorded (403);
     * a command from the log ({@code cause}) is refused for its handler to answer. Asked before anything about the
     * deployments concerned is told, so a caller without the role learns nothing of them.
     */
    Actor mayDeploy(Caller caller, String projectId, String environment, String action, String target, String what,
            Envelope cause) {
        KnownEnvironment known = QuarkusTransaction.joiningExisting()
                .call(() -> KnownEnvironment.find(projectId, environment));
        boolean protectedEnvironment = known != null && known.protectedEnvironment;
        Role needed = protectedEnvironment ? Role.MAINTAINER : Role.DEPLOYER;
        String why = what + (protectedEnvironment ? " the protected environment " : " ") + environment;
        return cause == null ? access.require(caller, projectId, needed, action, environment, target, why)
                : access.authorize(caller, projectId, needed, why);
    }

    /**
     * The request, where it says nothing of them, with its project's repository (at its default branch, unless it
     * names a commit or branch) and build defaults; as it is when the project has none or it restores an artifact.
     */
    NewDeployment withProjectDefaults(NewDeployment r) {
        if (r == null || r.restore() != null || r.projectId() == null || FieldRules.name(r.projectId()) != null) {
            return r;
        }
        KnownProject project = QuarkusTransaction.joiningExisting().call(() -> KnownProject.findById(r.projectId()));
        if (project == null) {
            return r;
        }
        String gitUrl = r.gitUrl();
        String branch = r.gitBranch();
        if (gitUrl == null && r.archiveId() == null && project.repositoryUrl != null) {
            gitUrl = project.repositoryUrl;
            branch = r.gitCommit() == null && branch == null ? project.defaultBranch : branch;
        }
        DeploymentSettings config = r.config();
        DeploymentSettings defaults = project.buildDefaultsJson == null ? null
                : mapper.settings(project.buildDefaultsJson);
        if (defaults != null) {
            DeploymentSettings c = config == null ? DeploymentSettings.NONE : config;
            Map<String, String> variables = new TreeMap<>(defaults.environmentVariables() == null ? Map.of()
                    : defaults.environmentVariables());
            if (c.environmentVariables() != null) {
                variables.putAll(c.environmentVariables());
            }
            config = new DeploymentSettings(first(c.buildCommand(), defaults.buildCommand()),
                    first(c.outputDirectory(), defaults.outputDirectory()), variables,
                    first(c.nodeVersion(), defaults.nodeVersion()), first(c.installCommand(), defaults.installCommand()),
                    first(c.healthCheckPath(), defaults.healthCheckPath()), first(c.timeout(), defaults.timeout()));
        }
        return new NewDeployment(r.projectId(), r.environment(), r.version(), gitUrl, r.gitCommit(), branch,
                r.archiveId(), config, r.scheduledAt(), r.restore());
    }

    private static <T> T first(T asked, T fallback) {
        return asked != null ? asked : fallback;
    }

    /** The audit's name of what a request asks. */
    static String action(NewDeployment request) {
        if (request.restore() == null) {
            return "deployment.request";
        }
        return request.restore().kind() == NewDeployment.Restore.Kind.ROLLBACK ? "deployment.rollback"
                : "deployment.promote";
    }

    private LogPosition publish(String id, NewDeployment request, Target target, String idempotencyKey,
            Envelope cause) {
        Envelope envelope = Envelopes.root(target.actor(), id, cause == null ? null : cause.getEventId());
        DeploymentRequested requested = mapper.toRequested(id, request, envelope, idempotencyKey, target.snapshot());
        if (target.approvalRequired()) {
            requested.setApprovalRequired(true);
            requested.setApprovalExpiresAt(envelope.getOccurredAt().plus(config.approvalTimeout()));
        }
        return events.publish(Topics.environmentKey(request.projectId(), request.environment()), requested);
    }

    /** Every rule {@code request} breaks, including naming an environment that does not exist. */
    public List<Violation> violations(NewDeployment request) {
        List<Violation> violations = new ArrayList<>(DeploymentValidator.violations(request));
        if (request != null && request.scheduledAt() != null) {
            Instant now = Instant.now();
            if (request.scheduledAt().isBefore(now.minus(SCHEDULE_SLACK))) {
                violations.add(new Violation("scheduledAt", "must not be in the past (it is " + now + ")"));
            } else if (request.scheduledAt().isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
                violations.add(new Violation("scheduledAt", "must be at most " + MAX_SCHEDULE_AHEAD.toDays()
                        + " days ahead"));
            }
        }
        if (request != null && request.restore() != null) {
            // a rollback or a promotion builds nothing: its source is the one its artifact was built from, on record
        } else if (violations.isEmpty() && request.gitUrl() != null) {
            String rule = GitSources.check(request.gitUrl(), new GitSources.Policy(config.git().localRoots(),
                    config.git().allowPrivateNetworks()));
            if (rule != null) {
                violations.add(new Violation("gitUrl", rule));
            }
        }
        if (violations.isEmpty() && request.restore() == null && request.archiveId() != null
                && !sources.exists(request.archiveId())) {
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

    /**
     * Asks the pipeline to cancel a queued or running deployment: a deployer of its project may, a maintainer when
     * its environment is protected.
     */
    public void cancel(String deploymentId, Caller caller, String reason, Envelope cause) {
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
        Actor actor = authorizeOn(deployment, caller, "deployment.cancel", "cancelling a deployment in", cause);
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

    /**
     * Approves ({@code approve}) or rejects a deployment waiting for approval: a maintainer of its project may,
     * but never the one who asked for it. 409 if it does not wait for an approval (any more).
     */
    public void decide(String deploymentId, Caller caller, boolean approve, String comment) {
        String field = approve ? "comment" : "reason";
        List<Violation> violations = new ArrayList<>();
        if (FieldRules.identifier(deploymentId) != null) {
            violations.add(new Violation("id", FieldRules.identifier(deploymentId)));
        }
        if (comment != null && FieldRules.line(comment, FieldRules.REASON) != null) {
            violations.add(new Violation(field, FieldRules.line(comment, FieldRules.REASON)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        DeploymentEntity deployment = QuarkusTransaction.joiningExisting()
                .call(() -> DeploymentEntity.findById(deploymentId));
        if (deployment == null) {
            throw new NotFoundException("No deployment " + deploymentId);
        }
        String action = approve ? "deployment.approve" : "deployment.reject";
        Actor actor = access.require(caller, deployment.projectId, Role.MAINTAINER, action, deployment.environment,
                deploymentId, (approve ? "approving" : "rejecting") + " a deployment");
        if (caller.subject().equals(deployment.initiatedBy)) {
            throw access.refuse(caller, access.roleIn(caller, deployment.projectId).orElse(null), action,
                    deployment.projectId, deployment.environment, deploymentId, caller.subject()
                            + " asked for this deployment; it needs the approval of another maintainer");
        }
        if (!"waiting".equals(deployment.approvalStatus)
                || !DeploymentStatus.PENDING.wire().equals(deployment.status)) {
            throw new ConflictException("Deployment " + deploymentId + " does not wait for an approval (it is "
                    + deployment.status + (deployment.approvalStatus == null ? ""
                            : ", approval " + deployment.approvalStatus) + ")");
        }
        if (deployment.approvalExpiresAt != null && deployment.approvalExpiresAt.isBefore(Instant.now())) {
            throw new ConflictException("The approval of deployment " + deploymentId + " expired at "
                    + deployment.approvalExpiresAt + "; ask for the deployment again");
        }
        Envelope envelope = Envelopes.root(actor, deploymentId, null);
        String key = Topics.environmentKey(deployment.projectId, deployment.environment);
        if (approve) {
            events.publish(key, DeploymentApproved.newBuilder().setEnvelope(envelope).setDeploymentId(deploymentId)
                    .setProjectId(deployment.projectId).setEnvironment(deployment.environment).setComment(comment)
                    .build());
        } else {
            events.publish(key, DeploymentRejected.newBuilder().setEnvelope(envelope).setDeploymentId(deploymentId)
                    .setProjectId(deployment.projectId).setEnvironment(deployment.environment).setReason(comment)
                    .build());
        }
    }

    /** The role a change to an existing deployment needs: deployer, maintainer in a protected environment. */
    private Actor authorizeOn(DeploymentEntity deployment, Caller caller, String action, String what,
            Envelope cause) {
        return mayDeploy(caller, deployment.projectId, deployment.environment, action, deployment.id, what.strip(),
                cause);
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
