package dev.shiplog.environment.messaging.incoming;

import dev.shiplog.environment.service.EnvironmentProjection;
import dev.shiplog.environment.service.LiveDeployments;
import dev.shiplog.kit.messaging.EventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What this service reads from the log, each channel in its own consumer group, into its service. */
@ApplicationScoped
public class LogConsumers {

    private final EventHandler handler;
    private final EnvironmentProjection environments;
    private final LiveDeployments deployments;

    public LogConsumers(EventHandler handler, EnvironmentProjection environments, LiveDeployments deployments) {
        this.handler = handler;
        this.environments = environments;
        this.deployments = deployments;
    }

    /** {@code shiplog.environment.events}: configuration and health. */
    @Incoming("environments")
    @Blocking(ordered = true)
    public void environments(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(environments, record);
    }

    /** {@code shiplog.deployment.events}: what is live. */
    @Incoming("deployments")
    @Blocking(ordered = true)
    public void deployments(ConsumerRecord<String, SpecificRecord> record) {
        handler.handle(deployments, record);
    }
}
