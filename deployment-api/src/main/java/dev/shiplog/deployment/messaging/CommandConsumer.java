package dev.shiplog.deployment.messaging;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.rest.DeploymentRequest;
import dev.shiplog.deployment.service.DeploymentCommands;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.ConflictException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.command.CancelDeployment;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.CommandRejected;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Commands other services publish on {@code shiplog.deployment.commands}. They follow the same rules as the REST
 * API; a refused command becomes a {@code CommandRejected} event (caused by the command, correlated by its id) that
 * its sender can read. A command's id is its idempotency key: the same command twice is one deployment.
 */
@ApplicationScoped
public class CommandConsumer {

    static final String CONSUMER = "deployment-api.commands";

    private final EventHandler handler;
    private final DeploymentCommands commands;
    private final DeploymentMapper mapper;
    private final EventPublisher events;

    public CommandConsumer(EventHandler handler, DeploymentCommands commands, DeploymentMapper mapper,
            @Channel("deployment-events-out") MutinyEmitter<SpecificRecord> emitter, DeploymentApiConfig config) {
        this.handler = handler;
        this.commands = commands;
        this.mapper = mapper;
        this.events = new EventPublisher(emitter, config.publishTimeout());
    }

    @Incoming("deployment-commands")
    @Blocking(ordered = true)
    public void on(SpecificRecord command) {
        handler.handle(CONSUMER, Topics.DEPLOYMENT_COMMANDS.name(), command, this::apply);
    }

    void apply(SpecificRecord command) {
        Envelope envelope = (Envelope) command.get(0);
        if (command instanceof RequestDeployment request) {
            DeploymentRequest asRest = mapper.fromCommand(request);
            List<Violation> violations = commands.violations(asRest);
            if (!violations.isEmpty()) {
                reject(envelope, request.getCommandId(), "RequestDeployment", violations.get(0),
                        request.getProjectId(), request.getEnvironment());
                return;
            }
            commands.requestDeployment(asRest, envelope.getActor(), "command:" + request.getCommandId(), envelope);
        } else if (command instanceof CancelDeployment cancel) {
            try {
                commands.cancel(cancel.getDeploymentId(), envelope.getActor(), cancel.getReason(), envelope);
            } catch (NotFoundException | ConflictException e) {
                reject(envelope, envelope.getEventId(), "CancelDeployment",
                        new Violation("deploymentId", e.getMessage()), null, null);
            }
        } else {
            reject(envelope, envelope.getEventId(), command.getSchema().getName(),
                    new Violation("", command.getSchema().getName() + " is not supported yet"), null, null);
        }
    }

    private void reject(Envelope cause, String commandId, String type, Violation violation, String projectId,
            String environment) {
        String key = projectId != null && environment != null ? Topics.environmentKey(projectId, environment)
                : commandId;
        events.publish(key, CommandRejected.newBuilder()
                .setEnvelope(Envelopes.root(Envelopes.service("deployment-api"), commandId, cause.getEventId()))
                .setCommandId(commandId)
                .setCommandType(type)
                .setField(violation.field())
                .setReason(violation.rule())
                .setProjectId(projectId)
                .setEnvironment(environment)
                .build());
    }
}
