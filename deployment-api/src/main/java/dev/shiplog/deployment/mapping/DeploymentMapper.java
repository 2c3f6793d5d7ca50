package dev.shiplog.deployment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.deployment.repository.DeploymentEntity;
import dev.shiplog.deployment.repository.DeploymentStageEntity;
import dev.shiplog.deployment.rest.DeploymentConfigDto;
import dev.shiplog.deployment.rest.DeploymentRequest;
import dev.shiplog.deployment.rest.DeploymentView;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wire (Avro, JSON) to domain and back. */
@ApplicationScoped
public class DeploymentMapper {

    private final ObjectMapper json;

    public DeploymentMapper(ObjectMapper json) {
        this.json = json;
    }

    public DeploymentRequested toRequested(String deploymentId, DeploymentRequest request, String actor,
            String idempotencyKey, Envelope cause) {
        return DeploymentRequested.newBuilder()
                .setEnvelope(cause != null ? Envelopes.root(actor, deploymentId, cause.getEventId())
                        : Envelopes.root(actor, deploymentId, null))
                .setIdempotencyKey(idempotencyKey)
                .setDeploymentId(deploymentId)
                .setProjectId(request.projectId())
                .setEnvironment(request.environment())
                .setVersion(request.version())
                .setSource(Source.newBuilder()
                        .setGitUrl(request.gitUrl())
                        .setGitCommit(request.gitCommit())
                        .setGitBranch(request.gitBranch())
                        .setArchiveId(request.archiveId())
                        .build())
                .setConfig(toAvro(request.config()))
                .build();
    }

    public DeploymentConfig toAvro(DeploymentConfigDto config) {
        DeploymentConfigDto c = config != null ? config : new DeploymentConfigDto(null, null, null, null, null, null, null);
        return DeploymentConfig.newBuilder()
                .setBuildCommand(c.buildCommand())
                .setOutputDirectory(c.outputDirectory())
                .setEnvironmentVariables(c.environmentVariables() != null ? Map.copyOf(c.environmentVariables()) : Map.of())
                .setNodeVersion(c.nodeVersion())
                .setInstallCommand(c.installCommand())
                .setHealthCheckPath(c.healthCheckPath())
                .setTimeoutSeconds(c.timeout())
                .build();
    }

    /** A command from Kafka as the same request REST takes, so both follow the same rules. */
    public DeploymentRequest fromCommand(dev.shiplog.schema.deployment.command.RequestDeployment c) {
        return new DeploymentRequest(c.getProjectId(), c.getEnvironment(), c.getVersion(), c.getSource().getGitUrl(),
                c.getSource().getGitCommit(), c.getSource().getGitBranch(), c.getSource().getArchiveId(),
                fromAvro(c.getConfig()));
    }

    public DeploymentConfigDto fromAvro(DeploymentConfig c) {
        return new DeploymentConfigDto(c.getBuildCommand(), c.getOutputDirectory(), Map.copyOf(c.getEnvironmentVariables()),
                c.getNodeVersion(), c.getInstallCommand(), c.getHealthCheckPath(), c.getTimeoutSeconds());
    }

    public String configJson(DeploymentConfig config) {
        try {
            return json.writeValueAsString(fromAvro(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public DeploymentView toView(DeploymentEntity d, List<DeploymentStageEntity> stages) {
        DeploymentConfigDto config;
        try {
            config = json.readValue(d.configJson, DeploymentConfigDto.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new DeploymentView(d.id, d.projectId, d.environment, d.status, d.version, d.gitUrl, d.gitCommit,
                d.gitBranch, d.artifactId, d.artifactUrl, d.deploymentUrl, d.environmentUrl, config, d.requestedAt,
                d.startedAt, d.completedAt, d.initiatedBy, d.queuePosition, d.failureReason,
                stages.stream().map(s -> new DeploymentView.StageView(s.stage.toLowerCase(Locale.ROOT),
                        s.status, s.startedAt, s.completedAt, s.message)).toList());
    }
}
