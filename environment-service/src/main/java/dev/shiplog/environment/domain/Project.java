package dev.shiplog.environment.domain;

import java.time.Instant;
import java.util.List;

/**
 * A project: its name, where its code is and how it builds by default, and each of its environments as the ops
 * overview shows them (the version live there, its health, its pin).
 */
public record Project(String id, String name, String repositoryUrl, String defaultBranch, BuildDefaults buildDefaults,
        Boolean allowOtherSources, List<EnvironmentSummary> environments, Instant createdAt, Instant updatedAt) {

    /**
     * How the project builds (and, with {@code startCommand}, starts as a server application) when a deployment says
     * nothing of it.
     */
    public record BuildDefaults(String installCommand, String buildCommand, String outputDirectory,
            String healthCheckPath, String nodeVersion, Integer timeout, String startCommand) {
    }

    /** One environment in the overview. */
    public record EnvironmentSummary(String name, String status, String currentDeployment, String currentVersion,
            boolean pinned, boolean isProtected) {
    }
}
