package dev.shiplog.environment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.environment.domain.EnvironmentChange;
import dev.shiplog.environment.domain.EnvironmentConfiguration;
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
                e.getProjectId(), e.getEnvironment(), e.getUrl(), new TreeMap<>(e.getSettings()), e.getProtected$(),
                e.getApprovalRequired(), e.getBakeSeconds());
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
