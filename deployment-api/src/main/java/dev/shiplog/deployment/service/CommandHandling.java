package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.messaging.outgoing.DeploymentEventsLog;
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
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.CommandRejected;
import dev.shiplog.schema.rules.EventRules;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Commands other services publish on {@code shiplog.deployment.commands}. They follow the same rules as the REST
 * API; a refused command becomes a {@code CommandRejected} event (caused by the command, correlated by its id) that
 * its sender can read, also when it breaks the catalog's rules. A command's id is its idempotency key: the same
 * command twice is one deployment. Not a projection: nothing here is rebuilt from the log.
 */
@ApplicationScoped
public class CommandHandling implements Projection {

    public static final String CONSUMER = "deployment-api.commands";

    private final DeploymentCommands commands;
    private final DeploymentMapper mapper;
    private final EventPublisher events;

    public CommandHandling(DeploymentCommands commands, DeploymentMapper mapper,
            @DeploymentEventsLog EventPublisher events) {
        this.commands = commands;
        this.mapper = mapper;
        this.events = events;
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
            NewDeployment asked = mapper.fromCommand(request);
            try {
                List<Violation> violations = commands.violations(asked);
                if (!violations.isEmpty()) {
                    throw new InvalidInputException(violations);
                }
                commands.request(asked, envelope.getActor(), "command:" + request.getCommandId(), envelope);
            } catch (InvalidInputException e) {
                reject(envelope, request.getCommandId(), "RequestDeployment", e.violations().get(0),
                        request.getProjectId(), request.getEnvironment());
            } catch (UnprocessableException e) {
                reject(envelope, request.getCommandId(), "RequestDeployment", new Violation(e.field(), e.rule()),
                        request.getProjectId(), request.getEnvironment());
            }
        } else if (command instanceof CancelDeployment cancel) {
            try {
                commands.cancel(cancel.getDeploymentId(), envelope.getActor(), cancel.getReason(), envelope);
            } catch (NotFoundException | ConflictException e) {
                reject(envelope, envelope.getEventId(), "CancelDeployment",
                        new Violation("deploymentId", e.getMessage()), null, null);
            } catch (InvalidInputException e) {
                reject(envelope, envelope.getEventId(), "CancelDeployment", e.violations().get(0), null, null);
            }
        } else {
            reject(envelope, envelope.getEventId(), delivery.type(),
                    new Violation("", delivery.type() + " is not supported yet"), null, null);
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
        reject(envelope, commandId, delivery.type(), first, null, null);
    }

    private void reject(Envelope cause, String commandId, String type, Violation violation, String projectId,
            String environment) {
        boolean keyed = projectId != null && environment != null && FieldRules.name(projectId) == null
                && FieldRules.name(environment) == null;
        events.publish(keyed ? Topics.environmentKey(projectId, environment) : commandId, CommandRejected.newBuilder()
                .setEnvelope(Envelopes.root(Envelopes.service("deployment-api"), commandId, cause.getEventId()))
                .setCommandId(commandId)
                .setCommandType(type)
                .setField(violation.field())
                .setReason(FieldRules.storable(violation.rule()))
                .setProjectId(keyed ? projectId : null)
                .setEnvironment(keyed ? environment : null)
                .build());
    }
}
