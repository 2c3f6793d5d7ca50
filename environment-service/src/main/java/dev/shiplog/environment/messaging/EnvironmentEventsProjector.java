package dev.shiplog.environment.messaging;

import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.kit.messaging.EventHandler;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Builds the configuration and health of the environment projection from {@code shiplog.environment.events}, and
 * nothing else. Each event is applied once ({@link EventHandler}: one transaction, its id recorded with the change);
 * replaying the topic from offset zero into empty tables gives the same rows.
 */
@ApplicationScoped
public class EnvironmentEventsProjector {

    static final String CONSUMER = "environment-service.environments";
    private static final Logger LOG = Logger.getLogger(EnvironmentEventsProjector.class);

    private final EventHandler handler;
    private final EnvironmentMapper mapper;

    public EnvironmentEventsProjector(EventHandler handler, EnvironmentMapper mapper) {
        this.handler = handler;
        this.mapper = mapper;
    }

    @Incoming("environments")
    @Blocking(ordered = true)
    public void on(SpecificRecord event) {
        handler.handle(CONSUMER, Topics.ENVIRONMENT_EVENTS.name(), event,
                e -> apply(e, ((Envelope) e.get(0)).getOccurredAt()));
    }

    void apply(SpecificRecord event, Instant at) {
        if (event instanceof EnvironmentConfigured e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.url = e.getUrl();
            env.settingsJson = mapper.settingsJson(e.getSettings());
            env.isProtected = e.getProtected$();
        } else if (event instanceof EnvironmentHealthChanged e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.status = e.getStatus().name().toLowerCase(Locale.ROOT);
        } else if (event instanceof EnvironmentVariablesChanged e) {
            LOG.debugf("variables of %s/%s not projected yet: %d change(s) ignored", e.getProjectId(),
                    e.getEnvironment(), e.getChanges().size());
        } else {
            LOG.debugf("environment projection ignores %s", event.getSchema().getName());
        }
    }
}
