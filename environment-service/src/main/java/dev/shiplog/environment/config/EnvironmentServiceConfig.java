package dev.shiplog.environment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the environment-service, under {@code shiplog.}. */
@ConfigMapping(prefix = "shiplog")
public interface EnvironmentServiceConfig {

    /** How long a request waits for the broker to acknowledge its event before answering 503. */
    @WithDefault("12s")
    Duration publishTimeout();

    /** How long a write waits for this service's own view to show it before answering anyway (read your writes). */
    @WithDefault("5s")
    Duration visibleWithin();

    /** Where a project's repository may be (schemas' {@code GitSources}): the same rules as a deployment's source. */
    Git git();

    /** Where code may come from. */
    interface Git {
        /** Local repositories ({@code /path}, {@code file:///path}) may be used only inside these directories. */
        @WithDefault("/tmp/shiplog-git")
        List<Path> localRoots();

        /** Whether a git URL may point at loopback, link-local or private addresses (an internal git server). */
        @WithDefault("false")
        boolean allowPrivateNetworks();
    }
}
