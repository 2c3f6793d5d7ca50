package dev.shiplog.deployment.service;

import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Which environments exist, from {@code shiplog.environment.events}: a deployment must target one of them. */
@ApplicationScoped
public class EnvironmentCatalog implements Projection {

    @Override
    public String consumer() {
        return "deployment-api.environments";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        if (delivery.event() instanceof EnvironmentConfigured configured
                && !KnownEnvironment.exists(configured.getProjectId(), configured.getEnvironment())) {
            KnownEnvironment known = new KnownEnvironment();
            known.projectId = configured.getProjectId();
            known.environment = configured.getEnvironment();
            known.persist();
        }
    }
}
