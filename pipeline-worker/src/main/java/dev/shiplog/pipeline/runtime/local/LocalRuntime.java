package dev.shiplog.pipeline.runtime.local;

import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.runtime.Runtime;
import dev.shiplog.pipeline.runtime.app.Applications;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The embedded default runtime: each release is an unpacked artifact under {@code <work-dir>/runtime/releases/<id>},
 * served at {@code /deployments/<id>/}; an environment is a symbolic link {@code runtime/envs/<project>/<env>} to its
 * live release, served at {@code /sites/<project>/<env>/}. Switching is one atomic rename of that link (blue-green).
 * Each release is served with the environment settings its deployment ran with ({@code runtime/snapshots/<id>}), so a
 * rollback serves its release exactly as it was, whatever the environment says now.
 * A release with a start command is a server application ({@link Applications}): its marker
 * {@code runtime/applications/<id>} says so across restarts, and it is live only while it runs here. The links are
 * shared by the workers of a machine, the instances are each worker's own ({@link ServedHere}).
 * Every id is checked against the catalog's rules before it becomes a path.
 */
@ApplicationScoped
public class LocalRuntime implements Runtime {

    private final Path releases;
    private final Path snapshots;
    private final ConcurrentHashMap<String, Map<String, String>> settingsCache = new ConcurrentHashMap<>();
    private final Path environments;
    private final String publicUrl;
    private final String internalUrl;
    private final ArtifactStore artifacts;
    private final Path applicationMarks;
    private final Applications applications;
    private final ServedHere servedHere = new ServedHere();

    public LocalRuntime(PipelineConfig config, ArtifactStore artifacts, Applications applications) {
        Path root = config.workDir().toAbsolutePath().resolve("runtime");
        this.releases = root.resolve("releases");
        this.snapshots = root.resolve("snapshots");
        this.environments = root.resolve("envs");
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.internalUrl = config.internalUrl().replaceAll("/+$", "");
        this.artifacts = artifacts;
        this.applications = applications;
        this.applicationMarks = root.resolve("applications");
    }

    @Override
    public String prepare(ReleaseSpec spec) throws IOException {
        String deploymentId = spec.deploymentId();
        String artifactId = spec.artifactId();
        Map<String, String> settings = spec.settings();
        Path release = release(deploymentId);
        if (FieldRules.sha256(artifactId) != null) {
            throw new IOException("not an artifact id: " + artifactId);
        }
        if (spec.application()) { // before its files are there: an application's files are never served as a site
            Files.createDirectories(applicationMarks);
            Files.writeString(applicationMarks.resolve(deploymentId), spec.startCommand());
        }
        if (!Files.isDirectory(release)) {
            Files.createDirectories(releases);
            Files.createDirectories(snapshots);
            Properties snapshot = new Properties();
            snapshot.putAll(settings);
            Path written = snapshots.resolve(deploymentId + ".writing-" + UUID.randomUUID());
            try (var out = Files.newOutputStream(written)) {
                snapshot.store(out, "the environment settings deployment " + deploymentId + " runs with");
            }
            Files.move(written, snapshot(deploymentId), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Path unpacking = releases.resolve(deploymentId + ".unpacking-" + UUID.randomUUID());
            artifacts.unpack(artifactId, unpacking);
            Files.move(unpacking, release, StandardCopyOption.ATOMIC_MOVE);
        }
        if (spec.application()) {
            applications.start(spec, release);
        }
        return deploymentUrl(deploymentId);
    }

    @Override
    public void withdraw(String deploymentId) {
        try {
            if (servedBy(deploymentId).isEmpty()) {
                applications.retire(deploymentId);
            }
        } catch (IOException e) {
            applications.retire(deploymentId);
        }
    }

    /** Whether the release is a server application (its deployment had a start command). */
    boolean application(String deploymentId) {
        return Files.exists(applicationMarks.resolve(deploymentId));
    }

    @Override
    public void discard(String deploymentId) throws IOException {
        Path release = release(deploymentId);
        if (servedBy(deploymentId).isPresent() || !Files.isDirectory(release, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path gone = releases.resolve(deploymentId + ".discarded-" + UUID.randomUUID());
        Files.move(release, gone, StandardCopyOption.ATOMIC_MOVE); // the URL answers 404 from now on
        try (var walk = Files.walk(gone)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(snapshot(deploymentId));
        Files.deleteIfExists(applicationMarks.resolve(deploymentId));
        applications.retire(deploymentId);
        settingsCache.remove(deploymentId);
    }

    /** Whether some environment serves this deployment's release now. */
    private Optional<String> servedBy(String deploymentId) throws IOException {
        for (Path link : links()) {
            if (Files.isSymbolicLink(link)
                    && Files.readSymbolicLink(link).getFileName().toString().equals(deploymentId)) {
                return Optional.of(link.toString());
            }
        }
        return Optional.empty();
    }

    /** Every environment's link ({@code envs/<project>/<env>}). */
    java.util.List<Path> links() throws IOException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (Files.isDirectory(environments)) {
            try (var projects = Files.list(environments)) {
                for (Path project : projects.toList()) {
                    try (var links = Files.list(project)) {
                        out.addAll(links.toList());
                    }
                }
            }
        }
        return out;
    }

    /** The settings a release is served with, as its deployment's snapshot recorded them (read once). */
    Map<String, String> settings(String deploymentId) {
        return settingsCache.computeIfAbsent(deploymentId, id -> {
            Properties snapshot = new Properties();
            try (var in = Files.newInputStream(snapshot(id))) {
                snapshot.load(in);
            } catch (IOException e) {
                return Map.of(); // a release prepared before snapshots existed
            }
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            snapshot.stringPropertyNames().forEach(k -> out.put(k, snapshot.getProperty(k)));
            return Map.copyOf(out);
        });
    }

    private Path snapshot(String deploymentId) {
        release(deploymentId); // checks the id
        return snapshots.resolve(deploymentId + ".properties");
    }

    @Override
    public String activate(String projectId, String environment, String deploymentId) throws IOException {
        Path link = link(projectId, environment);
        Files.createDirectories(link.getParent());
        Path next = link.resolveSibling(environment + ".next-" + UUID.randomUUID());
        Files.createSymbolicLink(next, release(deploymentId));
        Optional<String> before = linked(projectId, environment);
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        before.filter(old -> !old.equals(deploymentId)).ifPresent(applications::retire);
        servedHere.switched(projectId, environment, deploymentId, application(deploymentId))
                .ifPresent(applications::retire);
        return environmentUrl(projectId, environment);
    }

    @Override
    public void deactivate(String projectId, String environment) throws IOException {
        Optional<String> before = linked(projectId, environment);
        Files.deleteIfExists(link(projectId, environment));
        before.ifPresent(applications::retire);
        servedHere.removed(projectId, environment).ifPresent(applications::retire);
    }

    @Override
    public java.util.List<Place> behind() {
        java.util.List<Place> out = new java.util.ArrayList<>();
        try {
            for (Path link : links()) {
                String project = link.getParent().getFileName().toString();
                String env = link.getFileName().toString();
                if (FieldRules.name(env) == null && FieldRules.name(project) == null
                        && linked(project, env).isPresent() && active(project, env).isEmpty()) {
                    out.add(new Place(project, env));
                }
            }
        } catch (IOException e) {
            return out; // the next look will tell
        }
        return out;
    }

    /** Here: the linked release, if it is a site or runs here, and this worker has let go of any other. */
    @Override
    public Optional<String> active(String projectId, String environment) {
        Optional<String> here = servedHere.of(projectId, environment);
        return linked(projectId, environment).filter(id -> (!application(id) || applications.runs(id))
                && (here.isEmpty() || here.get().equals(id)));
    }

    /**
     * The release a request for the environment goes to on this worker: the linked one, unless it is an application
     * that does not run here yet while the one this worker served still does (another worker switched it).
     */
    Optional<String> servedRelease(String projectId, String environment) {
        Optional<String> linked = linked(projectId, environment);
        if (linked.isPresent() && application(linked.get()) && !applications.runs(linked.get())) {
            Optional<String> here = servedHere.of(projectId, environment).filter(applications::runs);
            if (here.isPresent()) {
                return here;
            }
        }
        return linked;
    }

    private Optional<String> linked(String projectId, String environment) {
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
    public String probeUrl(String url) {
        return url.startsWith(publicUrl + "/") ? internalUrl + url.substring(publicUrl.length()) : url;
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
