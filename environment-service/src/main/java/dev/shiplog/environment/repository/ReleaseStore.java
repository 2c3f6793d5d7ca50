package dev.shiplog.environment.repository;

import dev.shiplog.environment.domain.state.Releases;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.rules.ReleaseLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each environment's {@link Releases} kept in {@code deployment_release}: read before a fact, written after it. */
@ApplicationScoped
public class ReleaseStore {

    /** The releases of the environment: its line in order, with the version of each. */
    public Releases of(EnvironmentRef ref) {
        List<DeploymentReleaseEntity> rows = DeploymentReleaseEntity.list("projectId = ?1 and environment = ?2 and"
                + " liveOrder is not null order by liveOrder", ref.projectId(), ref.environment());
        Map<String, String> versions = new HashMap<>();
        rows.stream().filter(r -> r.version != null).forEach(r -> versions.put(r.deploymentId, r.version));
        return new Releases(ReleaseLine.of(rows.stream()
                .map(r -> new ReleaseLine.Release(r.deploymentId, r.artifactId, r.withdrawn)).toList()), versions);
    }

    /** Keeps {@code releases} as the environment's: each release's place and state, each known version. */
    public void save(EnvironmentRef ref, Releases releases) {
        List<ReleaseLine.Release> line = releases.line().releases();
        for (int i = 0; i < line.size(); i++) {
            ReleaseLine.Release release = line.get(i);
            DeploymentReleaseEntity row = row(release.deploymentId(), ref);
            row.liveOrder = i;
            row.withdrawn = release.withdrawn();
            if (release.artifactId() != null) {
                row.artifactId = release.artifactId();
            }
        }
        releases.versions().forEach((deploymentId, version) -> row(deploymentId, ref).version = version);
    }

    /** The version of a deployment as far as known (its request's, or its success's), or null. */
    public String version(String deploymentId) {
        DeploymentReleaseEntity row = DeploymentReleaseEntity.findById(deploymentId);
        return row == null ? null : row.version;
    }

    /** Whether this service has seen anything of the deployment. */
    public boolean knows(String deploymentId) {
        return DeploymentReleaseEntity.findById(deploymentId) != null;
    }

    /** A deployment was requested with {@code version} (kept unless its success already said it). */
    public void requested(String deploymentId, EnvironmentRef ref, String version) {
        DeploymentReleaseEntity row = row(deploymentId, ref);
        if (row.version == null) {
            row.version = version;
        }
    }

    /** What a deployment built from: its commit and the ones before it (JSON, newest first). */
    public void source(String deploymentId, EnvironmentRef ref, String commit, String historyJson) {
        DeploymentReleaseEntity row = row(deploymentId, ref);
        row.gitCommit = commit;
        row.historyJson = historyJson;
    }

    /** The release a deployment put live, to compare environments by. */
    public DeploymentReleaseEntity find(String deploymentId) {
        return deploymentId == null ? null : DeploymentReleaseEntity.findById(deploymentId);
    }

    private static DeploymentReleaseEntity row(String deploymentId, EnvironmentRef ref) {
        return DeploymentReleaseEntity.of(deploymentId, ref.projectId(), ref.environment());
    }
}
