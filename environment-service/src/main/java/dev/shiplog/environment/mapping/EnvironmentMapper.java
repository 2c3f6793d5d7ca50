package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.deployment.event.CommitSummary;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Avro and JSON to the domain and back: a leaf, it calls no other layer. */
@ApplicationScoped
public class EnvironmentMapper {

    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Comparison.Commit>> COMMITS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public EnvironmentMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The event of an accepted configuration. */
    public static EnvironmentConfigured toConfigured(EnvironmentRef ref, EnvironmentChange change, Envelope envelope) {
        return EnvironmentConfigured.newBuilder()
                .setEnvelope(envelope)
                .setProjectId(ref.projectId())
                .setEnvironment(ref.environment())
                .setUrl(change.url())
                .setSettings(new TreeMap<>(change.settings()))
                .setProtected$(change.isProtected())
                .setApprovalRequired(change.approvalRequired())
                .setBakeSeconds(change.bakeSeconds())
                .build();
    }

    public static Project.BuildDefaults buildDefaults(DeploymentConfig c) {
        return new Project.BuildDefaults(c.getInstallCommand(), c.getBuildCommand(), c.getOutputDirectory(),
                c.getHealthCheckPath(), c.getNodeVersion(), c.getTimeoutSeconds(), c.getStartCommand());
    }

    public static DeploymentConfig toAvro(Project.BuildDefaults d) {
        return DeploymentConfig.newBuilder().setInstallCommand(d.installCommand()).setBuildCommand(d.buildCommand())
                .setOutputDirectory(d.outputDirectory()).setHealthCheckPath(d.healthCheckPath())
                .setNodeVersion(d.nodeVersion()).setTimeoutSeconds(d.timeout()).setStartCommand(d.startCommand())
                .setEnvironmentVariables(Map.of()).build();
    }

    public String buildDefaultsJson(Project.BuildDefaults defaults) {
        return write(defaults);
    }

    public Project.BuildDefaults buildDefaults(String json) {
        try {
            return json == null ? null : this.json.readValue(json, Project.BuildDefaults.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String historyJson(List<CommitSummary> history) {
        return write(history.stream().map(c -> new Comparison.Commit(c.getSha(), c.getTitle())).toList());
    }

    public List<Comparison.Commit> history(String json) {
        try {
            return json == null ? List.of() : this.json.readValue(json, COMMITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String settingsJson(Map<String, String> settings) {
        return write(new TreeMap<>(settings));
    }

    public Map<String, String> settings(String settingsJson) {
        try {
            return json.readValue(settingsJson, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
