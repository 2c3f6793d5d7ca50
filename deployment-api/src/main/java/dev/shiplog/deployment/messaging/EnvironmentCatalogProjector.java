package dev.shiplog.deployment.messaging;

import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Which environments exist, from {@code shiplog.environment.events}: a deployment must target one of them. */
@ApplicationScoped
public class EnvironmentCatalogProjector {

    static final String CONSUMER = "deployment-api.environments";
    private final EventHandler handler;

    public EnvironmentCatalogProjector(EventHandler handler) {
        this.handler = handler;
    }

    @Incoming("environment-catalog")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.ENVIRONMENT_EVENTS.name(), event, e -> {
            if (e instanceof EnvironmentConfigured configured
                    && !KnownEnvironment.exists(configured.getProjectId(), configured.getEnvironment())) {
                KnownEnvironment known = new KnownEnvironment();
                known.projectId = configured.getProjectId();
                known.environment = configured.getEnvironment();
                known.persist();
            }
        });
    }
}
