package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.repository.ReleaseStore;
import dev.shiplog.pipeline.runtime.NotStartedException;
import dev.shiplog.pipeline.runtime.ReleaseSpec;
import dev.shiplog.pipeline.runtime.Runtime;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.shiplog.schema.rules.ReleaseLine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deploy: the runtime makes the artifact the deployment's own release, at its own immutable URL, served with the
 * environment settings the deployment runs with; a server application is started there (its instances listening)
 * and fails the stage with the reason it did not start. A deployment that builds nothing (a rollback, a promotion) takes
 * its artifact from the store as it is, after checking that it is still there and that its bytes still have its
 * sha256; a rollback also that its target went live in this very environment with that artifact.
 */
@ApplicationScoped
public class DeployStage implements Stage {

    private final Runtime runtime;
    private final ArtifactStore artifacts;
    private final ReleaseStore releases;
    private final Durably durably;

    public DeployStage(Runtime runtime, ArtifactStore artifacts, ReleaseStore releases, Durably durably) {
        this.runtime = runtime;
        this.artifacts = artifacts;
        this.releases = releases;
        this.durably = durably;
    }

    @Override
    public dev.shiplog.schema.common.Stage name() {
        return dev.shiplog.schema.common.Stage.DEPLOY;
    }

    @Override
    public Outcome run(JobContext job) throws Exception {
        DeploymentSpec spec = job.spec;
        if (job.artifact == null && spec.restores()) {
            String refused = restorable(job);
            if (refused != null) {
                job.log.system(refused);
                return Outcome.failed(refused);
            }
            job.artifact = new ArtifactStore.StoredArtifact(spec.artifactId(), null, 0);
            job.log.system((spec.rollback() ? "rollback to " : "promotion of ") + spec.restore().from()
                    + ": artifact " + spec.artifactId()
                    + " as it is (no checkout, no build, no upload)");
        }
        if (spec.application() && job.secretsProblem != null) {
            job.log.system(job.secretsProblem);
            return Outcome.failed(job.secretsProblem + " (the application needs its secrets)");
        }
        if (spec.application()) {
            job.log.system("starting the application: " + spec.startCommand() + " (its output: the runtime stream)");
        }
        try {
            job.deploymentUrl = runtime.prepare(new ReleaseSpec(spec.deploymentId(), spec.projectId(),
                    spec.environment(), job.artifact.artifactId(), spec.settings(), spec.startCommand(),
                    spec.variables(), job.secrets, spec.environmentVariables()));
        } catch (NotStartedException e) {
            job.log.system(e.getMessage());
            return Outcome.failed(e.getMessage());
        }
        job.log.system("release ready at " + job.deploymentUrl);
        return Outcome.succeeded("release " + job.artifact.artifactId().substring(0, 12));
    }

    /** Why the artifact of a deployment that builds nothing cannot be activated, or null. */
    private String restorable(JobContext job) throws java.io.IOException {
        DeploymentSpec spec = job.spec;
        boolean kept = artifacts.exists(spec.artifactId());
        if (spec.rollback()) {
            ReleaseLine line = durably.inDatabase(job, () -> QuarkusTransaction.requiringNew()
                    .call(() -> releases.line(spec.projectId(), spec.environment())));
            String refused = line.rollbackRefusal(spec.restore().from(), spec.artifactId(), kept,
                    spec.projectId() + "/" + spec.environment());
            if (refused != null) {
                return refused;
            }
        }
        if (!kept) {
            return "artifact " + spec.artifactId() + " is no longer in the store (cleaned up): it cannot be activated";
        }
        if (!artifacts.intact(spec.artifactId())) {
            return "artifact " + spec.artifactId() + " in the store does not have that sha256 any more: refused";
        }
        return null;
    }
}
