package dev.shiplog.environment.service;

import dev.shiplog.environment.mapping.EnvironmentMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.repository.ProjectEntity;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.EnvironmentHealthChanged;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.environment.VariableChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Projects, and the configuration, variables and health of each environment, from {@code shiplog.environment.events}
 * and nothing else; each fact also goes into the journal the state at an instant is folded from ({@code asOf}). The
 * status is what the last EnvironmentHealthChanged said (null until one did). A secret stays sealed. Each event is
 * applied once; replaying the topic from offset zero into empty tables gives the same rows.
 */
@ApplicationScoped
public class EnvironmentProjection implements Projection {

    private static final Logger LOG = Logger.getLogger(EnvironmentProjection.class);

    private final EnvironmentMapper mapper;
    private final Journal journal;
    private final Variables variables;

    public EnvironmentProjection(EnvironmentMapper mapper, Journal journal, Variables variables) {
        this.mapper = mapper;
        this.journal = journal;
        this.variables = variables;
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
            env.deletedAt = null; // configured again after its project was deleted: it exists again
            Map<String, Object> payload = new HashMap<>();
            payload.put("url", e.getUrl());
            payload.put("settings", new TreeMap<>(e.getSettings()));
            payload.put("protected", e.getProtected$());
            payload.put("approvalRequired", e.getApprovalRequired());
            payload.put("bakeSeconds", e.getBakeSeconds());
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.CONFIGURED, payload);
        } else if (delivery.event() instanceof EnvironmentHealthChanged e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.status = e.getStatus().name().toLowerCase(Locale.ROOT);
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.HEALTH,
                    Map.of("status", env.status));
        } else if (delivery.event() instanceof EnvironmentVariablesChanged e) {
            EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            List<Map<String, Object>> changes = new ArrayList<>();
            for (VariableChange change : e.getChanges()) {
                variables.apply(e.getProjectId(), e.getEnvironment(), change);
                Map<String, Object> c = new HashMap<>();
                c.put("name", change.getName());
                c.put("secret", change.getSecret());
                c.put("removed", change.getRemoved());
                c.put("value", change.getSecret() ? null : change.getValue());
                c.put("keyId", change.getSealed() == null ? null : change.getSealed().getKeyId());
                changes.add(c);
            }
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.VARIABLES,
                    Map.of("changes", changes));
        } else if (delivery.event() instanceof ProjectConfigured e) {
            ProjectEntity project = ProjectEntity.findById(e.getProjectId());
            if (project == null) {
                project = new ProjectEntity();
                project.projectId = e.getProjectId();
                project.createdAt = at;
            }
            project.name = e.getName();
            project.repositoryUrl = e.getRepositoryUrl();
            project.defaultBranch = e.getDefaultBranch();
            project.buildDefaultsJson = e.getBuildDefaults() == null ? null
                    : mapper.buildDefaultsJson(mapper.buildDefaults(e.getBuildDefaults()));
            project.updatedAt = at;
            project.deletedAt = null;
            project.persist();
            Map<String, Object> payload = new HashMap<>();
            payload.put("name", e.getName());
            payload.put("repositoryUrl", e.getRepositoryUrl());
            payload.put("defaultBranch", e.getDefaultBranch());
            journal.record(delivery, e.getProjectId(), null, EnvironmentState.PROJECT, payload);
        } else if (delivery.event() instanceof ProjectDeleted e) {
            ProjectEntity project = ProjectEntity.findById(e.getProjectId());
            if (project != null && project.deletedAt == null) {
                project.deletedAt = at;
            }
            // (its environments each got an EnvironmentDeleted on their own key, before this)
            journal.record(delivery, e.getProjectId(), null, EnvironmentState.PROJECT_DELETED, Map.of());
        } else if (delivery.event() instanceof EnvironmentDeleted e) {
            EnvironmentEntity env = EnvironmentEntity.touch(e.getProjectId(), e.getEnvironment(), at);
            env.deletedAt = at;
            // its variables and secrets go with it: an environment made again under its name starts without them
            VariableEntity.<VariableEntity>list("projectId = ?1 and environment = ?2", e.getProjectId(),
                    e.getEnvironment()).forEach(VariableEntity::delete);
            journal.record(delivery, e.getProjectId(), e.getEnvironment(), EnvironmentState.DELETED, Map.of());
        } else {
            LOG.debugf("environment projection ignores %s", delivery.type());
        }
    }
}
