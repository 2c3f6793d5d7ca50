package dev.shiplog.kit.config;

import dev.shiplog.schema.rules.GitSources;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

/**
 * Where code may come from (schemas' {@link GitSources}), under {@code shiplog.git.}: the same settings for the
 * gateway (a deployment's {@code gitUrl}), the environment-service (a project's {@code repositoryUrl}) and the
 * worker (which checks again, resolving host names, and mounts the local roots read-only into builds).
 */
@ConfigMapping(prefix = "shiplog.git")
public interface GitSourcesConfig {

    /** Local repositories ({@code /path}, {@code file:///path}) may be used only inside these directories. */
    @WithDefault("/tmp/shiplog-git")
    List<Path> localRoots();

    /** Whether a git URL may point at loopback, link-local or private addresses (an internal git server). */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** The rules these settings make. */
    default GitSources.Policy policy() {
        return new GitSources.Policy(localRoots(), allowPrivateNetworks());
    }
}
