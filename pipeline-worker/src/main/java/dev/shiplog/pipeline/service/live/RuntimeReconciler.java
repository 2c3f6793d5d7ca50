package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.Failures;
import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.repository.LaneEntryEntity;
import dev.shiplog.pipeline.repository.ReleaseEntity;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.runtime.Runtime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.service.job.DeploymentSpec;
import dev.shiplog.schema.common.SealedSecret;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Makes each environment serve the release the log says is live (the release history's answer, from
 * {@code ReleaseLine}): after a crash between a release's record and its switch, after a withdrawn activation, after a
 * restart (a server application is started again then, in the background: what runs is never remembered across a
 * restart, the log says what must run). An environment whose deployment is going live right now is left to that
 * run.
 */
@ApplicationScoped
public class RuntimeReconciler {

    private static final Logger LOG = Logger.getLogger(RuntimeReconciler.class);

    private final Runtime runtime;
    private final ArtifactStore artifacts;
    private final ReleaseStore releases;
    private final SecretBox secretBox;
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    // a few at once: after a restart every live application starts again, each waiting for its instances to listen
    private final ExecutorService starter = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "application-reconciler");
        t.setDaemon(true);
        return t;
    });

    public RuntimeReconciler(Runtime runtime, ArtifactStore artifacts, ReleaseStore releases, SecretBox secretBox) {
        this.runtime = runtime;
        this.secretBox = secretBox;
        this.artifacts = artifacts;
        this.releases = releases;
    }

    /**
     * The environments another worker switched that this one does not serve as switched yet: its own instances of
     * the new application start, then it switches (it serves the one it ran meanwhile).
     */
    public void reconcileBehind() {
        runtime.behind().forEach(place -> reconcile(place.projectId(), place.environment()));
    }

    /** Every environment with a release history. */
    public void reconcileAll() {
        QuarkusTransaction.requiringNew().call(releases::liveReleases)
                .forEach(r -> reconcile(r.projectId, r.environment));
    }

    private void goLive(ReleaseSpec spec, Optional<String> serving) throws java.io.IOException {
        runtime.prepare(spec);
        runtime.activate(spec.projectId(), spec.environment(), spec.deploymentId());
        LOG.infof("%s/%s now serves %s, as the log says (it served %s)", spec.projectId(), spec.environment(),
                spec.deploymentId(), serving.orElse("nothing"));
    }

    private boolean stillLive(ReleaseSpec spec) {
        return QuarkusTransaction.requiringNew().call(() -> LaneEntryEntity.count("projectId = ?1 and environment = ?2"
                + " and state = 'running' and activating = true", spec.projectId(), spec.environment()) == 0
                && Optional.ofNullable(ReleaseEntity.live(spec.projectId(), spec.environment()))
                        .filter(r -> r.deploymentId.equals(spec.deploymentId())).isPresent());
    }

    /** The live release as its deployment's request recorded it; its secrets opened (those that open here). */
    private ReleaseSpec spec(ReleaseEntity release, LaneEntryEntity request) {
        if (request == null) {
            return ReleaseSpec.site(release.deploymentId, release.projectId, release.environment, release.artifactId,
                    Map.of());
        }
        DeploymentSpec spec = DeploymentSpec.of(request);
        Map<String, String> secrets = new TreeMap<>();
        for (SealedSecret sealed : spec.secrets()) {
            try {
                secrets.put(sealed.getName(), secretBox.open(sealed));
            } catch (SecretUnavailableException e) {
                LOG.warnf("%s: secret %s does not open here: %s", release.deploymentId, sealed.getName(),
                        e.getMessage());
            }
        }
        return new ReleaseSpec(release.deploymentId, release.projectId, release.environment, release.artifactId,
                spec.settings(), spec.startCommand(), spec.variables(), secrets, spec.environmentVariables());
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
            ReleaseSpec spec = spec(release, request);
            if (spec.application()) {
                // starting an application takes seconds: never on the caller's thread (a consumer, the sweeper)
                if (starting.add(release.deploymentId)) {
                    starter.submit(() -> {
                        try {
                            runtime.prepare(spec);
                            if (stillLive(spec)) { // nothing went live meanwhile
                                goLive(spec, serving);
                            } else {
                                runtime.withdraw(spec.deploymentId());
                            }
                        } catch (Exception e) {
                            LOG.warnf("could not start %s/%s's live release %s again: %s", projectId, environment,
                                    release.deploymentId, Failures.rootMessage(e));
                        } finally {
                            starting.remove(release.deploymentId);
                        }
                    });
                }
                return;
            }
            goLive(spec, serving);
        } catch (Exception e) {
            LOG.warnf("could not reconcile %s/%s with the log: %s", projectId, environment, Failures.rootMessage(e));
        }
    }
}
