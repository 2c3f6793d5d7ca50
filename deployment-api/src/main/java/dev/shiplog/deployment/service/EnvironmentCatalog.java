package dev.shiplog.deployment.service;

import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Which environments exist, and which are protected or need approvals, from {@code shiplog.environment.events}: a
 * deployment must target one of them, with the role its protection asks for.
 */
@ApplicationScoped
public class EnvironmentCatalog implements Projection {

    private final DeploymentMapper mapper;

    public EnvironmentCatalog(DeploymentMapper mapper) {
        this.mapper = mapper;
    }

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
        if (delivery.event() instanceof EnvironmentConfigured configured) {
            KnownEnvironment known = KnownEnvironment.find(configured.getProjectId(), configured.getEnvironment());
            if (known == null) {
                known = new KnownEnvironment();
                known.projectId = configured.getProjectId();
                known.environment = configured.getEnvironment();
                known.persist();
            }
            known.protectedEnvironment = configured.getProtected$();
            known.approvalRequired = configured.getApprovalRequired();
            known.url = configured.getUrl();
            known.settingsJson = mapper.mapJson(configured.getSettings());
            known.bakeSeconds = configured.getBakeSeconds();
        }
    }
}
