package dev.shiplog.deployment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the deployment-api, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface DeploymentApiConfig {

    /** How long a request waits for the broker to acknowledge its event before answering 503. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** Where uploaded source archives are kept; the pipeline-worker reads the same store. */
    @WithDefault(".shiplog/sources")
    Path sourceDir();

    /** The largest source archive accepted. */
    @WithDefault("104857600")
    long maxSourceArchiveBytes();

    /** How long an uploaded source archive is kept after its last upload. */
    @WithDefault("24h")
    Duration sourceRetention();

    /** How long an idempotency key stands for the request that first used it. */
    @WithDefault("24h")
    Duration idempotencyWindow();
}
