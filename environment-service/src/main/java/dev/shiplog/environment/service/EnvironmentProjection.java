package dev.shiplog.environment.service;

import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The configuration and health of each environment, from {@code shiplog.environment.events} and nothing else. The
 * status is what the last EnvironmentHealthChanged said (null until one did). Each event is applied once; replaying
 * the topic from offset zero into empty tables gives the same rows.
 */
@ApplicationScoped
public class EnvironmentProjection implements Projection {

    private static final Logger LOG = Logger.getLogger(EnvironmentProjection.class);

    private final EnvironmentMapper mapper;

    public EnvironmentProjection(EnvironmentMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String consumer() {
        return "environment-service.environments";
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        Instant at = delivery.occurredAt();
        if (delivery.event() instanceof EnvironmentConfigured e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.url = e.getUrl();
            env.settingsJson = mapper.settingsJson(e.getSettings());
            env.isProtected = e.getProtected$();
            env.approvalRequired = e.getApprovalRequired();
            env.bakeSeconds = e.getBakeSeconds();
        } else if (delivery.event() instanceof EnvironmentHealthChanged e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.status = e.getStatus().name().toLowerCase(Locale.ROOT);
        } else if (delivery.event() instanceof EnvironmentVariablesChanged e) {
            LOG.debugf("variables of %s/%s not projected yet: %d change(s) ignored", e.getProjectId(),
                    e.getEnvironment(), e.getChanges().size());
        } else {
            LOG.debugf("environment projection ignores %s", delivery.type());
        }
    }
}
