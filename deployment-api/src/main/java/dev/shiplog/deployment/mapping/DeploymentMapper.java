package dev.shiplog.deployment.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import dev.shiplog.deployment.domain.Snapshot;
import dev.shiplog.schema.common.DeploymentConfig;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.EnvironmentSnapshot;
import dev.shiplog.schema.common.RollbackOf;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.common.Source;
import dev.shiplog.schema.deployment.command.RequestDeployment;
import dev.shiplog.schema.deployment.event.DeploymentRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Avro and JSON to the domain and back: a leaf, it calls no other layer. */
@ApplicationScoped
public class DeploymentMapper {

    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public DeploymentMapper(ObjectMapper json) {
        this.json = json;
        this.canonical = DomainJson.canonical(json.copy());
    }

    /** The request on the log: {@code snapshot} is the environment configuration the deployment runs with. */
    public DeploymentRequested toRequested(String deploymentId, NewDeployment d, Envelope envelope,
            String idempotencyKey, Snapshot snapshot) {
        NewDeployment.Restore restore = d.restore();
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
                .setNotBefore(d.scheduledAt())
                .setArtifactId(restore == null ? null : restore.artifactId())
                .setRollback(restore == null || restore.kind() != NewDeployment.Restore.Kind.ROLLBACK ? null
                        : RollbackOf.newBuilder().setTargetDeploymentId(restore.from())
                                .setReplacedDeploymentId(restore.replaced()).setReason(restore.reason())
                                .setAutomatic(restore.automatic()).build())
                .setPromotedFrom(restore == null || restore.kind() != NewDeployment.Restore.Kind.PROMOTION ? null
                        : restore.from())
                .setSnapshot(snapshot == null ? null : EnvironmentSnapshot.newBuilder().setUrl(snapshot.url())
                        .setSettings(new TreeMap<>(snapshot.settings())).setBakeSeconds(snapshot.bakeSeconds())
                        .setVariables(new TreeMap<>(snapshot.variables()))
                        .setSecrets(snapshot.secrets().stream().map(x -> SealedSecret.newBuilder().setName(x.name())
                                .setKeyId(x.keyId()).setCiphertext(x.ciphertext()).build()).toList())
                        .build())
                .build();
    }

    public Snapshot fromAvro(EnvironmentSnapshot s) {
        return s == null ? null : new Snapshot(s.getUrl(), new TreeMap<>(s.getSettings()), s.getBakeSeconds(),
                new TreeMap<>(s.getVariables()), s.getSecrets().stream()
                        .map(x -> new Snapshot.Sealed(x.getName(), x.getKeyId(), x.getCiphertext())).toList());
    }

    public String snapshotJson(Snapshot snapshot) {
        return snapshot == null ? null : write(snapshot);
    }

    public Snapshot snapshot(String json) {
        if (json == null) {
            return null;
        }
        try {
            return this.json.readValue(json, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An environment's sealed secrets as JSON, and back. */
    public String sealedJson(java.util.Collection<Snapshot.Sealed> sealed) {
        return write(List.copyOf(sealed));
    }

    public List<Snapshot.Sealed> sealed(String json) {
        try {
            return json == null ? List.of() : List.of(this.json.readValue(json, Snapshot.Sealed[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An environment's settings as JSON (a map), and back. */
    public String mapJson(Map<String, String> map) {
        return write(new TreeMap<>(map));
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : this.json.readValue(json, TreeMap.class);
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
                .setStartCommand(c.startCommand())
                .build();
    }

    /** A command from Kafka as the same command REST takes, so both follow the same rules. */
    public NewDeployment fromCommand(RequestDeployment c) {
        return new NewDeployment(c.getProjectId(), c.getEnvironment(), c.getVersion(), c.getSource().getGitUrl(),
                c.getSource().getGitCommit(), c.getSource().getGitBranch(), c.getSource().getArchiveId(),
                fromAvro(c.getConfig()), c.getScheduledAt(), null);
    }

    public DeploymentSettings fromAvro(DeploymentConfig c) {
        return new DeploymentSettings(c.getBuildCommand(), c.getOutputDirectory(),
                new TreeMap<>(c.getEnvironmentVariables()), c.getNodeVersion(), c.getInstallCommand(),
                c.getHealthCheckPath(), c.getTimeoutSeconds(), c.getStartCommand());
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
