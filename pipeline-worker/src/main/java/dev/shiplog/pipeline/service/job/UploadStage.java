package dev.shiplog.pipeline.service.job;

import dev.shiplog.pipeline.artifact.ArtifactStore;
import dev.shiplog.pipeline.repository.ArtifactVersions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Upload: the output directory (default: the workspace), packed without following links out of it and without
 * {@code .git}, stored as a content-addressed artifact, numbered per project; ArtifactStored.
 */
@ApplicationScoped
public class UploadStage implements Stage {

    private final ArtifactStore artifacts;
    private final ArtifactVersions versions;
    private final Durably durably;

    public UploadStage(ArtifactStore artifacts, ArtifactVersions versions, Durably durably) {
        this.artifacts = artifacts;
        this.versions = versions;
        this.durably = durably;
    }

    @Override
    public dev.shiplog.schema.common.Stage name() {
        return dev.shiplog.schema.common.Stage.UPLOAD;
    }

    @Override
    public Outcome run(JobContext job) throws Exception {
        String output = job.spec.outputDirectory() == null ? "." : job.spec.outputDirectory();
        Path workspace = job.workspace.toRealPath();
        Path directory = workspace.resolve(output).normalize();
        if (!Files.isDirectory(directory)) {
            return Outcome.failed("outputDirectory " + output + " does not exist after the build");
        }
        if (!directory.toRealPath().startsWith(workspace)) {
            return Outcome.failed("outputDirectory " + output + " leads out of the workspace (a link?): nothing of"
                    + " it is published");
        }
        ArtifactStore.StoredArtifact artifact = artifacts.put(directory, job.log::system);
        int version = durably.inDatabase(job, () -> QuarkusTransaction.requiringNew().call(() -> versions.assign(
                job.spec.projectId(), artifact.artifactId(), artifact.sizeBytes(), Instant.now())));
        job.log.system("artifact " + artifact.artifactId() + " (" + artifact.sizeBytes() + " bytes, version " + version
                + ")");
        job.publish(job.events.artifactStored(job.subject, artifact.artifactId(), artifact.url(),
                artifact.sizeBytes(), version));
        job.artifact = artifact;
        return Outcome.succeeded(null);
    }
}
