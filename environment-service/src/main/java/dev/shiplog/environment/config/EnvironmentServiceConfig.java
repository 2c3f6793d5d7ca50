package dev.shiplog.environment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the environment-service, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface EnvironmentServiceConfig {

    /** How long a request waits for the broker to acknowledge its event before answering 503. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** How long a write waits for this service's own view to show it before answering anyway (read your writes). */
    @WithDefault("5s")
    Duration visibleWithin();
}
