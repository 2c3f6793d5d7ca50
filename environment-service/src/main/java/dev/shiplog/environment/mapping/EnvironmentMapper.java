package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.repository.EnvironmentEntity;
import dev.shiplog.environment.rest.EnvironmentConfiguration;
import dev.shiplog.environment.rest.EnvironmentRequest;
import dev.shiplog.environment.rest.EnvironmentView;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.schema.Topics;
import dev.shiplog.schema.environment.EnvironmentConfigured;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** Wire (Avro, JSON) to domain and back. */
@ApplicationScoped
public class EnvironmentMapper {

    private static final TypeReference<TreeMap<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public EnvironmentMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The event of an accepted configuration; what the request leaves out is reset (no URL, no settings). */
    public EnvironmentConfigured toConfigured(String projectId, String environment, EnvironmentRequest request,
            String actor) {
        return EnvironmentConfigured.newBuilder()
                .setEnvelope(Envelopes.root(actor, Topics.environmentKey(projectId, environment), null))
                .setProjectId(projectId)
                .setEnvironment(environment)
                .setUrl(request.url())
                .setSettings(request.settings() != null ? new TreeMap<>(request.settings()) : Map.of())
                .setProtected$(Boolean.TRUE.equals(request.isProtected()))
                .build();
    }

    public EnvironmentConfiguration toConfiguration(EnvironmentConfigured e) {
        return new EnvironmentConfiguration(Topics.environmentKey(e.getProjectId(), e.getEnvironment()),
                e.getProjectId(), e.getEnvironment(), e.getUrl(), new TreeMap<>(e.getSettings()), e.getProtected$());
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

    public EnvironmentView toView(EnvironmentEntity e) {
        return new EnvironmentView(Topics.environmentKey(e.projectId, e.name), e.projectId, e.name, e.url,
                settings(e.settingsJson), e.isProtected, e.status, e.currentDeploymentId, e.currentVersion,
                e.createdAt, e.updatedAt);
    }
}
