package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
import dev.shiplog.kit.access.AccessDeniedException;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Credentials;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.kit.rest.UnprocessableException;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.command.CancelDeployment;
import dev.shiplog.schema.deployment.command.PromoteDeployment;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.command.RollbackEnvironment;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.rules.EventRules;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Commands other services publish on {@code shiplog.deployment.commands}. They follow the same rules as the REST
 * API, the caller being whom the command's {@code credential} proves (an API token or a JWT; the envelope's actor
 * is not trusted); a refused command becomes a {@code CommandRejected} event (caused by the command, correlated by its id) that
 * its sender can read, also when it breaks the catalog's rules. A command's id is its idempotency key: the same
 * command twice is one deployment. Not a projection: nothing here is rebuilt from the log.
 */
@ApplicationScoped
public class CommandHandling implements Projection {

    public static final String CONSUMER = "deployment-api.commands";

    private final DeploymentRequests requests;
    private final DeploymentDecisions decisions;
    private final RestoreCommands restores;
    private final DeploymentMapper mapper;
    private final EventPublisher events;
    private final Credentials credentials;

    public CommandHandling(DeploymentRequests requests, DeploymentDecisions decisions, RestoreCommands restores,
            DeploymentMapper mapper, @DeploymentEventsLog EventPublisher events, Credentials credentials) {
        this.requests = requests;
        this.decisions = decisions;
        this.restores = restores;
        this.mapper = mapper;
        this.events = events;
        this.credentials = credentials;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.DEPLOYMENT_COMMANDS);
    }

    @Override
    public boolean rebuildable() {
        return false;
    }

    @Override
    public void apply(Delivery delivery) {
        SpecificRecord command = delivery.event();
        Envelope envelope = delivery.envelope();
        if (command instanceof RequestDeployment request) {
            handle(new Rejection(envelope, request.getCommandId(), "RequestDeployment", request.getProjectId(),
                    request.getEnvironment()), request.getCredential(), "deploymentId", caller -> {
                        NewDeployment asked = mapper.fromCommand(request);
                        List<Violation> violations = requests.violations(asked);
                        if (!violations.isEmpty()) {
                            throw new InvalidInputException(violations);
                        }
                        requests.request(asked, caller, "command:" + request.getCommandId(), envelope);
                    });
        } else if (command instanceof CancelDeployment cancel) {
            handle(new Rejection(envelope, envelope.getEventId(), "CancelDeployment", null, null),
                    cancel.getCredential(), "deploymentId",
                    caller -> decisions.cancel(cancel.getDeploymentId(), caller, cancel.getReason(), envelope));
        } else if (command instanceof RollbackEnvironment rollback) {
            handle(new Rejection(envelope, envelope.getEventId(), "RollbackEnvironment", rollback.getProjectId(),
                    rollback.getEnvironment()), rollback.getCredential(), "targetDeploymentId",
                    caller -> restores.rollbackEnvironment(rollback.getProjectId(), rollback.getEnvironment(),
                            rollback.getTargetDeploymentId(), rollback.getReason(), caller,
                            "command:" + envelope.getEventId(), envelope));
        } else if (command instanceof PromoteDeployment promote) {
            handle(new Rejection(envelope, envelope.getEventId(), "PromoteDeployment", null,
                    promote.getTargetEnvironment()), promote.getCredential(), "deploymentId",
                    caller -> restores.promote(promote.getDeploymentId(), promote.getTargetEnvironment(),
                            promote.getScheduledAt(), caller, "command:" + envelope.getEventId(), envelope));
        } else {
            new Rejection(envelope, envelope.getEventId(), delivery.type(), null, null)
                    .send(new Violation("", delivery.type() + " is not a command this service takes"));
        }
    }

    /**
     * Checks the command's credential, then carries it out as {@code caller}; whatever refuses it becomes its
     * {@code CommandRejected} ({@code notFound}: the field an unknown id is named by).
     */
    private void handle(Rejection rejection, String credential, String notFound,
            java.util.function.Consumer<Caller> command) {
        Caller caller = caller(credential, rejection);
        if (caller == null) {
            return;
        }
        rejection.actor = caller.subject();
        try {
            command.accept(caller);
        } catch (InvalidInputException e) {
            rejection.send(e.violations().get(0));
        } catch (UnprocessableException e) {
            rejection.send(new Violation(e.field(), e.rule()));
        } catch (ConflictException e) {
            rejection.send(new Violation(e.field() == null ? notFound : e.field(), e.getMessage()));
        } catch (NotFoundException e) {
            rejection.send(new Violation(notFound, e.getMessage()));
        } catch (AccessDeniedException e) {
            rejection.send(new Violation("credential", e.getMessage()));
        }
    }

    /** Who sent the command, by its credential; null (and the command rejected) when it proves no one. */
    private Caller caller(String credential, Rejection rejection) {
        try {
            return credentials.verify(credential);
        } catch (AuthenticationFailedException e) {
            rejection.send(new Violation("credential", e.getMessage() == null ? "is not valid" : e.getMessage()));
            return null;
        }
    }

    /** A command's rejection: who sent it (once known), what it was, and what it was about. */
    private final class Rejection {
        final Envelope cause;
        final String commandId;
        final String type;
        final String projectId;
        final String environment;
        String actor = "anonymous";

        Rejection(Envelope cause, String commandId, String type, String projectId, String environment) {
            this.cause = cause;
            this.commandId = commandId;
            this.type = type;
            this.projectId = projectId;
            this.environment = environment;
        }

        void send(Violation violation) {
            reject(cause, actor, commandId, type, violation, projectId, environment);
        }
    }

    /** A command that breaks the catalog's rules is rejected too, so that its sender learns why. */
    @Override
    public void onPoison(Delivery delivery, String reason) {
        Envelope envelope = delivery.envelope();
        if (FieldRules.identifier(envelope.getEventId()) != null) {
            return; // nothing to correlate a rejection with
        }
        List<EventRules.Violation> violations = EventRules.violations(delivery.event());
        Violation first = violations.isEmpty() ? new Violation("", reason)
                : new Violation(violations.get(0).field(), violations.get(0).rule());
        String commandId = delivery.event() instanceof RequestDeployment r
                && FieldRules.identifier(r.getCommandId()) == null ? r.getCommandId() : envelope.getEventId();
        reject(envelope, "anonymous", commandId, delivery.type(), first, null, null);
    }

    private void reject(Envelope cause, String actor, String commandId, String type, Violation violation,
            String projectId, String environment) {
        boolean keyed = projectId != null && environment != null && FieldRules.name(projectId) == null
                && FieldRules.name(environment) == null;
        events.publish(keyed ? Topics.environmentKey(projectId, environment) : commandId, CommandRejected.newBuilder()
                .setEnvelope(Envelopes.root(actor, commandId, cause.getEventId()))
                .setCommandId(commandId)
                .setCommandType(type)
                .setField(violation.field())
                .setReason(FieldRules.storable(violation.rule()))
                .setProjectId(keyed ? projectId : null)
                .setEnvironment(keyed ? environment : null)
                .build());
    }
}
