package dev.shiplog.deployment.messaging.incoming;

import dev.shiplog.deployment.service.AuditTrail;
import dev.shiplog.deployment.service.CommandHandling;
import dev.shiplog.deployment.service.DeploymentHistory;
import dev.shiplog.deployment.service.DeploymentLogs;
import dev.shiplog.deployment.service.EnvironmentCatalog;
import dev.shiplog.deployment.service.ReleaseHistory;
import dev.shiplog.kit.messaging.EventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What this service reads from the log, each channel in its own consumer group, into its service (and, like every
 * service, {@code shiplog.access.events} into service-kit's AccessProjection).
 */
@ApplicationScoped
public class LogConsumers {

    private final EventHandler handler;
    private final DeploymentHistory history;
    private final DeploymentLogs logs;
    private final EnvironmentCatalog environments;
    private final CommandHandling commands;
    private final AuditTrail audit;
    private final ReleaseHistory releases;

    public LogConsumers(EventHandler handler, DeploymentHistory history, DeploymentLogs logs,
            EnvironmentCatalog environments, CommandHandling commands, AuditTrail audit, ReleaseHistory releases) {
        this.releases = releases;
        this.handler = handler;
        this.history = history;
        this.logs = logs;
        this.environments = environments;
        this.commands = commands;
        this.audit = audit;
    }

    /** Deployment, environment, access and audit events: the audit trail. */
    @Incoming("audit")
    @Blocking(ordered = true)
    public void audit(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(audit, record);
    }

    /** {@code shiplog.deployment.events}: the deployment history. */
    @Incoming("deployment-history")
    @Blocking(ordered = true)
    public void history(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(history, record);
    }

    /** {@code shiplog.deployment.events}: the release history of each environment, its pin, retention. */
    @Incoming("deployment-releases")
    @Blocking(ordered = true)
    public void releases(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(releases, record);
    }

    /** {@code shiplog.deployment.logs}: every deployment's log. */
    @Incoming("deployment-logs")
    @Blocking(ordered = true)
    public void logs(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(logs, record);
    }

    /** {@code shiplog.environment.events}: which environments exist. */
    @Incoming("environment-catalog")
    @Blocking(ordered = true)
    public void environments(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(environments, record);
    }

    /** {@code shiplog.deployment.commands}: commands other services publish. */
    @Incoming("deployment-commands")
    @Blocking(ordered = true)
    public void commands(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(commands, record);
    }
}
