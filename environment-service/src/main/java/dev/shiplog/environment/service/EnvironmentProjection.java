package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.state.Application;
import dev.shiplog.environment.domain.state.Fact;
import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.mapping.FactMapper;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.VariableChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Projects, and the configuration, variables and health of each environment, from {@code shiplog.environment.events}
 * and nothing else; each fact also goes into the journal the state at an instant is folded from ({@code asOf}). The
 * status is what the last EnvironmentHealthChanged said (null until one did); the application is what the runtime
 * last said of the live release (ApplicationScaled, ApplicationCrashed: one that breaks its rules is logged and
 * ignored). A secret stays sealed. Each event is applied once; replaying the topic from offset zero into empty tables
 * gives the same rows.
 */
@ApplicationScoped
public class EnvironmentProjection implements Projection {

    private static final Logger LOG = Logger.getLogger(EnvironmentProjection.class);

    private final EnvironmentFacts environments;
    private final Journal journal;
    private final EnvironmentMapper mapper;

    public EnvironmentProjection(EnvironmentFacts environments, Journal journal, EnvironmentMapper mapper) {
        this.environments = environments;
        this.journal = journal;
        this.mapper = mapper;
    }

    @Override
    public String consumer() {
        return EnvironmentLog.VIEW;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        FactMapper.Located located = FactMapper.ofEnvironmentEvent(delivery.event());
        if (located == null) {
            LOG.debugf("environment projection ignores %s", delivery.type());
            return;
        }
        if (located.environment() == null) {
            project(delivery, located);
            return;
        }
        String problem = Application.problem(located.fact());
        if (problem != null) {
            LOG.warnf("environment projection ignores %s %s for %s/%s: %s", delivery.type(),
                    delivery.envelope().getEventId(), located.projectId(), located.environment(), problem);
            return;
        }
        EnvironmentRef ref = EnvironmentRef.of(located.projectId(), located.environment());
        if (delivery.event() instanceof EnvironmentVariablesChanged e) {
            for (VariableChange change : e.getChanges()) {
                VariableEntity.apply(ref, change);
            }
        } else if (located.fact() instanceof Fact.Deleted) {
            // its variables and secrets go with it: an environment made again under its name starts without them
            VariableEntity.deleteOf(ref);
        }
        environments.apply(delivery, ref, located.fact());
    }

    private void project(Delivery delivery, FactMapper.Located located) {
        Instant at = delivery.occurredAt();
        ProjectEntity project = ProjectEntity.findById(located.projectId());
        if (delivery.event() instanceof ProjectConfigured e) {
            if (project == null) {
                project = new ProjectEntity();
                project.projectId = e.getProjectId();
                project.createdAt = at;
            }
            project.name = e.getName();
            project.repositoryUrl = e.getRepositoryUrl();
            project.defaultBranch = e.getDefaultBranch();
            project.allowOtherSources = e.getAllowOtherSources();
            project.buildDefaultsJson = e.getBuildDefaults() == null ? null
                    : mapper.buildDefaultsJson(EnvironmentMapper.buildDefaults(e.getBuildDefaults()));
            project.updatedAt = at;
            project.deletedAt = null;
            project.persist();
        } else if (project != null && project.deletedAt == null) {
            // ProjectDeleted: its environments each got an EnvironmentDeleted on their own key, before this
            project.deletedAt = at;
        }
        journal.record(delivery, located.projectId(), null, located.fact());
    }
}
