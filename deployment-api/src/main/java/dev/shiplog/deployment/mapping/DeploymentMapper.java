package dev.shiplog.deployment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** Avro and JSON to the domain and back: a leaf, it calls no other layer. */
@ApplicationScoped
public class DeploymentMapper {

    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public DeploymentMapper(ObjectMapper json) {
        this.json = json;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    public DeploymentRequested toRequested(String deploymentId, NewDeployment d, Envelope envelope,
            String idempotencyKey) {
        return DeploymentRequested.newBuilder()
                .setEnvelope(envelope)
                .setIdempotencyKey(idempotencyKey)
                .setDeploymentId(deploymentId)
                .setProjectId(d.projectId())
                .setEnvironment(d.environment())
                .setVersion(d.version())
                .setSource(Source.newBuilder().setGitUrl(d.gitUrl()).setGitCommit(d.gitCommit())
                        .setGitBranch(d.gitBranch()).setArchiveId(d.archiveId()).build())
                .setConfig(toAvro(d.config()))
                .build();
    }

    public DeploymentConfig toAvro(DeploymentSettings c) {
        return DeploymentConfig.newBuilder()
                .setBuildCommand(c.buildCommand())
                .setOutputDirectory(c.outputDirectory())
                .setEnvironmentVariables(c.environmentVariables() != null ? new TreeMap<>(c.environmentVariables())
                        : Map.of())
                .setNodeVersion(c.nodeVersion())
                .setInstallCommand(c.installCommand())
                .setHealthCheckPath(c.healthCheckPath())
                .setTimeoutSeconds(c.timeout())
                .build();
    }

    /** A command from Kafka as the same command REST takes, so both follow the same rules. */
    public NewDeployment fromCommand(RequestDeployment c) {
        return new NewDeployment(c.getProjectId(), c.getEnvironment(), c.getVersion(), c.getSource().getGitUrl(),
                c.getSource().getGitCommit(), c.getSource().getGitBranch(), c.getSource().getArchiveId(),
                fromAvro(c.getConfig()));
    }

    public DeploymentSettings fromAvro(DeploymentConfig c) {
        return new DeploymentSettings(c.getBuildCommand(), c.getOutputDirectory(),
                new TreeMap<>(c.getEnvironmentVariables()), c.getNodeVersion(), c.getInstallCommand(),
                c.getHealthCheckPath(), c.getTimeoutSeconds());
    }

    public String settingsJson(DeploymentSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public DeploymentSettings settings(String settingsJson) {
        if (settingsJson == null) {
            return null;
        }
        try {
            return json.readValue(settingsJson, DeploymentSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command's content, independent of map order: two requests ask the same when these are equal. */
    public String canonical(NewDeployment d) {
        try {
            return canonical.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
