package dev.shiplog.pipeline.runtime;

import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded default runtime: each release is an unpacked artifact under {@code <work-dir>/runtime/releases/<id>},
 * served at {@code /deployments/<id>/}; an environment is a symbolic link {@code runtime/envs/<project>/<env>} to its
 * live release, served at {@code /sites/<project>/<env>/}. Switching is one atomic rename of that link (blue-green).
 * Every id is checked against the catalog's rules before it becomes a path.
 */
@ApplicationScoped
public class LocalRuntime implements Runtime {

    private final Path releases;
    private final Path environments;
    private final String publicUrl;
    private final ArtifactStore artifacts;

    public LocalRuntime(PipelineConfig config, ArtifactStore artifacts) {
        Path root = config.workDir().toAbsolutePath().resolve("runtime");
        this.releases = root.resolve("releases");
        this.environments = root.resolve("envs");
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.artifacts = artifacts;
    }

    @Override
    public String prepare(String deploymentId, String artifactId) throws IOException {
        Path release = release(deploymentId);
        if (FieldRules.sha256(artifactId) != null) {
            throw new IOException("not an artifact id: " + artifactId);
        }
        if (!Files.isDirectory(release)) {
            Files.createDirectories(releases);
            Path unpacking = releases.resolve(deploymentId + ".unpacking-" + UUID.randomUUID());
            artifacts.unpack(artifactId, unpacking);
            Files.move(unpacking, release, StandardCopyOption.ATOMIC_MOVE);
        }
        return deploymentUrl(deploymentId);
    }

    @Override
    public String activate(String projectId, String environment, String deploymentId) throws IOException {
        Path link = link(projectId, environment);
        Files.createDirectories(link.getParent());
        Path next = link.resolveSibling(environment + ".next-" + UUID.randomUUID());
        Files.createSymbolicLink(next, release(deploymentId));
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return environmentUrl(projectId, environment);
    }

    @Override
    public void deactivate(String projectId, String environment) throws IOException {
        Files.deleteIfExists(link(projectId, environment));
    }

    @Override
    public Optional<String> active(String projectId, String environment) {
        try {
            Path target = Files.readSymbolicLink(link(projectId, environment));
            return Optional.of(target.getFileName().toString());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String deploymentUrl(String deploymentId) {
        return publicUrl + "/deployments/" + deploymentId + "/";
    }

    @Override
    public String environmentUrl(String projectId, String environment) {
        return publicUrl + "/sites/" + projectId + "/" + environment + "/";
    }

    /** The directory a request for an environment is served from, resolved once so it sees one release. */
    Optional<Path> environmentRoot(String projectId, String environment) {
        return realDirectory(link(projectId, environment));
    }

    Optional<Path> deploymentRoot(String deploymentId) {
        return realDirectory(release(deploymentId));
    }

    private Path release(String deploymentId) {
        if (FieldRules.identifier(deploymentId) != null) {
            throw new IllegalArgumentException("not a deployment id: " + deploymentId);
        }
        return releases.resolve(deploymentId);
    }

    private Path link(String projectId, String environment) {
        if (FieldRules.name(projectId) != null || FieldRules.name(environment) != null) {
            throw new IllegalArgumentException("not a project and environment: " + projectId + "/" + environment);
        }
        return environments.resolve(projectId).resolve(environment);
    }

    private Optional<Path> realDirectory(Path path) {
        try {
            Path real = path.toRealPath();
            return Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
