package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.deployment.mapping.DeploymentMapper;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.deployment.repository.KnownProject;
import dev.shiplog.kit.messaging.Delivery;
import dev.shiplog.kit.messaging.Projection;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import dev.shiplog.schema.environment.EnvironmentDeleted;
import dev.shiplog.schema.environment.EnvironmentVariablesChanged;
import dev.shiplog.schema.environment.ProjectConfigured;
import dev.shiplog.schema.environment.ProjectDeleted;
import dev.shiplog.schema.environment.VariableChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which projects and environments exist, from {@code shiplog.environment.events}: a deployment must target an
 * environment that does, with the role its protection asks for; it runs with the environment's configuration as it
 * is then (URL, settings, bake period, variables, secrets still sealed), and, where it says nothing of them, with its
 * project's repository, default branch and build defaults.
 */
@ApplicationScoped
public class EnvironmentCatalog implements Projection {

    /** The consumer: the gateway waits on it to answer a write to projects or environments (read your writes). */
    public static final String CONSUMER = "deployment-api.environments";

    private final DeploymentMapper mapper;

    public EnvironmentCatalog(DeploymentMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public List<Topics.Topic> topics() {
        return List.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void apply(Delivery delivery) {
        if (delivery.event() instanceof EnvironmentConfigured configured) {
            KnownEnvironment known = known(configured.getProjectId(), configured.getEnvironment());
            known.protectedEnvironment = configured.getProtected$();
            known.approvalRequired = configured.getApprovalRequired();
            known.url = configured.getUrl();
            known.settingsJson = mapper.mapJson(configured.getSettings());
            known.bakeSeconds = configured.getBakeSeconds();
            known.persist();
        } else if (delivery.event() instanceof EnvironmentVariablesChanged changed) {
            KnownEnvironment known = KnownEnvironment.find(changed.getProjectId(), changed.getEnvironment());
            if (known == null) {
                return; // variables of an environment deleted since: nothing to deploy them with
            }
            Map<String, String> plain = new TreeMap<>(mapper.map(known.variablesJson));
            Map<String, Snapshot.Sealed> secrets = new TreeMap<>();
            mapper.sealed(known.secretsJson).forEach(s -> secrets.put(s.name(), s));
            for (VariableChange change : changed.getChanges()) {
                plain.remove(change.getName());
                secrets.remove(change.getName());
                if (change.getRemoved()) {
                    continue;
                }
                if (change.getSecret() && change.getSealed() != null) {
                    secrets.put(change.getName(), new Snapshot.Sealed(change.getName(),
                            change.getSealed().getKeyId(), change.getSealed().getCiphertext()));
                } else if (!change.getSecret() && change.getValue() != null) {
                    plain.put(change.getName(), change.getValue());
                }
            }
            known.variablesJson = mapper.mapJson(plain);
            known.secretsJson = mapper.sealedJson(secrets.values());
            known.persist();
        } else if (delivery.event() instanceof ProjectConfigured configured) {
            KnownProject project = KnownProject.findById(configured.getProjectId());
            if (project == null) {
                project = new KnownProject();
                project.projectId = configured.getProjectId();
            }
            project.repositoryUrl = configured.getRepositoryUrl();
            project.defaultBranch = configured.getDefaultBranch();
            project.allowOtherSources = configured.getAllowOtherSources();
            project.buildDefaultsJson = configured.getBuildDefaults() == null ? null
                    : mapper.settingsJson(mapper.fromAvro(configured.getBuildDefaults()));
            project.persist();
        } else if (delivery.event() instanceof EnvironmentDeleted deleted) {
            // gone, with its variables: deployments to it are refused from now on (its history stays)
            KnownEnvironment known = KnownEnvironment.find(deleted.getProjectId(), deleted.getEnvironment());
            if (known != null) {
                known.delete();
            }
        } else if (delivery.event() instanceof ProjectDeleted deleted) {
            KnownProject.deleteById(deleted.getProjectId());
        }
    }

    /** The environment's row, made (not yet persisted) if this is the first fact about it. */
    private static KnownEnvironment known(String projectId, String environment) {
        KnownEnvironment known = KnownEnvironment.find(projectId, environment);
        if (known == null) {
            known = new KnownEnvironment();
            known.projectId = projectId;
            known.environment = environment;
        }
        return known;
    }
}
