package dev.shiplog.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the pipeline-worker, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface PipelineConfig {

    /** How long a stage waits for the broker to acknowledge an event it emits. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** Workspaces, the filesystem artifact store and the local runtime's releases live under this directory. */
    @WithDefault(".shiplog/pipeline")
    Path workDir();

    /** The store of uploaded source archives ({@code <archiveId>.tar.gz}), written by the deployment-api. */
    @WithDefault(".shiplog/sources")
    Path sourceDir();

    /** Base URL under which the local runtime serves environments and deployments. */
    @WithDefault("http://127.0.0.1:8082")
    String publicUrl();

    /** Build deadline when a deployment does not set config.timeout. */
    @WithDefault("600s")
    Duration defaultBuildTimeout();

    /** How long the verify stage keeps probing the health check before failing the deployment. */
    @WithDefault("30s")
    Duration verifyDeadline();

    /** How often a running deployment's worker says it is alive. */
    @WithDefault("5s")
    Duration heartbeat();

    /** A started deployment not heard of for this long lost its worker: it is failed, never left stuck. */
    @WithDefault("30s")
    Duration orphanAfter();

    /** How many deployments (of different environments) one instance runs at once. */
    @WithDefault("2")
    int concurrentDeployments();
}
