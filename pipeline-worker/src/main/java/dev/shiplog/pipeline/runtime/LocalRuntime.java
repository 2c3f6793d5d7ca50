package dev.shiplog.pipeline.runtime;

import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.service.ArtifactStore;
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
        Path release = releases.resolve(deploymentId);
        if (!Files.isDirectory(release)) {
            Path unpacking = releases.resolve(deploymentId + ".unpacking-" + UUID.randomUUID());
            artifacts.unpack(artifactId, unpacking);
            Files.move(unpacking, release, StandardCopyOption.ATOMIC_MOVE);
        }
        return publicUrl + "/deployments/" + deploymentId + "/";
    }

    @Override
    public String activate(String projectId, String environment, String deploymentId) throws IOException {
        Path link = environments.resolve(projectId).resolve(environment);
        Files.createDirectories(link.getParent());
        Path next = link.resolveSibling(environment + ".next-" + UUID.randomUUID());
        Files.createSymbolicLink(next, releases.resolve(deploymentId));
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return environmentUrl(projectId, environment);
    }

    @Override
    public String environmentUrl(String projectId, String environment) {
        return publicUrl + "/sites/" + projectId + "/" + environment + "/";
    }

    /** The directory a request for an environment is served from, resolved once so it sees one release. */
    Optional<Path> environmentRoot(String projectId, String environment) {
        return realDirectory(environments.resolve(projectId).resolve(environment));
    }

    Optional<Path> deploymentRoot(String deploymentId) {
        return realDirectory(releases.resolve(deploymentId));
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
