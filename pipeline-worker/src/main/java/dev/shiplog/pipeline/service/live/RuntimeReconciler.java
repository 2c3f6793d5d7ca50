package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.runtime.Runtime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Makes each environment serve the release the log says is live (the release history's answer, from
 * {@code ReleaseLine}): after a crash between a release's record and its switch, after a withdrawn activation, after a
 * restart. An environment whose deployment is going live right now is left to that run.
 */
@ApplicationScoped
public class RuntimeReconciler {

    private static final Logger LOG = Logger.getLogger(RuntimeReconciler.class);

    private final Runtime runtime;
    private final ArtifactStore artifacts;
    private final ReleaseStore releases;

    public RuntimeReconciler(Runtime runtime, ArtifactStore artifacts, ReleaseStore releases) {
        this.runtime = runtime;
        this.artifacts = artifacts;
        this.releases = releases;
    }

    /** Every environment with a release history. */
    public void reconcileAll() {
        QuarkusTransaction.requiringNew().call(releases::liveReleases)
                .forEach(r -> reconcile(r.projectId, r.environment));
    }

    public void reconcile(String projectId, String environment) {
        try {
            Optional<ReleaseEntity> live = QuarkusTransaction.requiringNew().call(() -> {
                if (LaneEntryEntity.count("projectId = ?1 and environment = ?2 and state = 'running' and activating"
                        + " = true", projectId, environment) > 0) {
                    return null; // going live right now: its run switches it
                }
                return Optional.ofNullable(ReleaseEntity.live(projectId, environment));
            });
            if (live == null) {
                return;
            }
            Optional<String> serving = runtime.active(projectId, environment);
            if (live.isEmpty()) {
                if (serving.isPresent()) {
                    LOG.warnf("%s/%s served %s, which the log does not show live: no release now", projectId,
                            environment, serving.get());
                    runtime.deactivate(projectId, environment);
                }
                return;
            }
            ReleaseEntity release = live.get();
            if (serving.isPresent() && serving.get().equals(release.deploymentId)) {
                return;
            }
            if (!artifacts.exists(release.artifactId)) {
                LOG.errorf("%s/%s: the live release %s has no artifact %s in the store", projectId, environment,
                        release.deploymentId, release.artifactId);
                return;
            }
            LaneEntryEntity request = QuarkusTransaction.requiringNew()
                    .call(() -> LaneEntryEntity.<LaneEntryEntity>findById(release.deploymentId));
            runtime.prepare(release.deploymentId, release.artifactId,
                    request == null ? java.util.Map.of() : dev.shiplog.pipeline.service.job.DeploymentSpec.of(request)
                            .settings());
            runtime.activate(projectId, environment, release.deploymentId);
            LOG.infof("%s/%s now serves %s, as the log says (it served %s)", projectId, environment,
                    release.deploymentId, serving.orElse("nothing"));
        } catch (Exception e) {
            LOG.warnf("could not reconcile %s/%s with the log: %s", projectId, environment, Failures.rootMessage(e));
        }
    }
}
