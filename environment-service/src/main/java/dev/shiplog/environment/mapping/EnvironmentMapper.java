package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
import dev.shiplog.environment.domain.Comparison;
import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.domain.Settings;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.deployment.event.CommitSummary;
import java.util.List;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** Avro and JSON to the domain and back: a leaf, it calls no other layer. */
@ApplicationScoped
public class EnvironmentMapper {

    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public EnvironmentMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The event of an accepted configuration. */
    public EnvironmentConfigured toConfigured(String projectId, String environment, EnvironmentChange change,
            Envelope envelope) {
        return EnvironmentConfigured.newBuilder()
                .setEnvelope(envelope)
                .setProjectId(projectId)
                .setEnvironment(environment)
                .setUrl(change.url())
                .setSettings(new TreeMap<>(change.settings()))
                .setProtected$(change.isProtected())
                .setApprovalRequired(change.approvalRequired())
                .setBakeSeconds(change.bakeSeconds())
                .build();
    }

    public EnvironmentConfiguration toConfiguration(EnvironmentConfigured e) {
        return new EnvironmentConfiguration(Topics.environmentKey(e.getProjectId(), e.getEnvironment()),
                e.getProjectId(), e.getEnvironment(), e.getUrl(), typed(e.getSettings()), e.getProtected$(),
                e.getApprovalRequired(), e.getBakeSeconds());
    }

    /** Typed settings as the log carries them: a flat map ({@code scaling.instances=1}, {@code caching=enabled}). */
    public Map<String, String> flat(Settings settings) {
        Map<String, String> out = new TreeMap<>();
        if (settings == null) {
            return out;
        }
        if (settings.scaling() != null) {
            put(out, "scaling.instances", settings.scaling().instances());
            put(out, "scaling.min", settings.scaling().min());
            put(out, "scaling.max", settings.scaling().max());
        }
        put(out, "logLevel", settings.logLevel());
        if (settings.caching() != null) {
            out.put("caching", settings.caching() ? "enabled" : "disabled");
        }
        put(out, "domain", settings.domain());
        return out;
    }

    /** The flat settings of the log, typed; keys the schema does not know (written before it existed) are left out. */
    public Settings typed(Map<String, String> flat) {
        Settings.Scaling scaling = flat.containsKey("scaling.instances") || flat.containsKey("scaling.min")
                || flat.containsKey("scaling.max")
                        ? new Settings.Scaling(number(flat.get("scaling.instances")), number(flat.get("scaling.min")),
                                number(flat.get("scaling.max")))
                        : null;
        String caching = flat.get("caching");
        return new Settings(scaling, flat.get("logLevel"),
                caching == null ? null : caching.equals("enabled") ? Boolean.TRUE
                        : caching.equals("disabled") ? Boolean.FALSE : null,
                flat.get("domain"));
    }

    public Project.BuildDefaults buildDefaults(DeploymentConfig c) {
        return new Project.BuildDefaults(c.getInstallCommand(), c.getBuildCommand(), c.getOutputDirectory(),
                c.getHealthCheckPath(), c.getNodeVersion(), c.getTimeoutSeconds());
    }

    public DeploymentConfig toAvro(Project.BuildDefaults d) {
        return DeploymentConfig.newBuilder().setInstallCommand(d.installCommand()).setBuildCommand(d.buildCommand())
                .setOutputDirectory(d.outputDirectory()).setHealthCheckPath(d.healthCheckPath())
                .setNodeVersion(d.nodeVersion()).setTimeoutSeconds(d.timeout()).setEnvironmentVariables(Map.of())
                .build();
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final TypeReference<List<Comparison.Commit>> COMMITS = new TypeReference<>() {
    };

    private static void put(Map<String, String> out, String key, Object value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }

    private static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public String settingsJson(Map<String, String> settings) {
        try {
            return json.writeValueAsString(new TreeMap<>(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> settings(String settingsJson) {
        try {
            return json.readValue(settingsJson, SETTINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
