package dev.shiplog.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the pipeline-worker, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface PipelineConfig {

    /** How long a stage waits for the broker to acknowledge an event it emits. */
    @WithDefault("12s")
    Duration publishTimeout();
}
