package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.runtime.Runtime;
import jakarta.enterprise.context.ApplicationScoped;

/** Deploy: the runtime makes the artifact the deployment's own release, at its own immutable URL. */
@ApplicationScoped
public class DeployStage implements Stage {

    private final Runtime runtime;

    public DeployStage(Runtime runtime) {
        this.runtime = runtime;
    }

    @Override
    public dev.shiplog.schema.common.Stage name() {
        return dev.shiplog.schema.common.Stage.DEPLOY;
    }

    @Override
    public Outcome run(JobContext job) throws Exception {
        job.deploymentUrl = runtime.prepare(job.spec.deploymentId(), job.artifact.artifactId());
        job.log.system("release ready at " + job.deploymentUrl);
        return Outcome.succeeded("release " + job.artifact.artifactId().substring(0, 12));
    }
}
