package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.DeploymentSettings;
import dev.shiplog.deployment.domain.NewDeployment;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a project says about its deployments when a request does not: its repository and default branch, and its
 * build defaults (null: none).
 */
public record ProjectDefaults(String repositoryUrl, String defaultBranch, DeploymentSettings buildDefaults) {

    /**
     * {@code request}, where it says nothing of them, with the project's repository (at its default branch, unless it
     * names a commit or a branch) and build defaults (its own variables win over the defaults', name by name). A
     * request that names a source archive keeps it; one that restores an artifact (a rollback, a promotion) or of a
     * project that sets nothing ({@code project} null) is taken as it is.
     */
    public static NewDeployment apply(NewDeployment request, ProjectDefaults project) {
        if (request == null || request.restore() != null || project == null) {
            return request;
        }
        String gitUrl = request.gitUrl();
        String branch = request.gitBranch();
        if (gitUrl == null && request.archiveId() == null && project.repositoryUrl() != null) {
            gitUrl = project.repositoryUrl();
            branch = request.gitCommit() == null && branch == null ? project.defaultBranch() : branch;
        }
        DeploymentSettings config = request.config();
        DeploymentSettings defaults = project.buildDefaults();
        if (defaults != null) {
            DeploymentSettings asked = config == null ? DeploymentSettings.NONE : config;
            Map<String, String> variables = new TreeMap<>(defaults.environmentVariables() == null ? Map.of()
                    : defaults.environmentVariables());
            if (asked.environmentVariables() != null) {
                variables.putAll(asked.environmentVariables());
            }
            config = new DeploymentSettings(first(asked.buildCommand(), defaults.buildCommand()),
                    first(asked.outputDirectory(), defaults.outputDirectory()), variables,
                    first(asked.nodeVersion(), defaults.nodeVersion()),
                    first(asked.installCommand(), defaults.installCommand()),
                    first(asked.healthCheckPath(), defaults.healthCheckPath()),
                    first(asked.timeout(), defaults.timeout()), first(asked.startCommand(), defaults.startCommand()));
        }
        return new NewDeployment(request.projectId(), request.environment(), request.version(), gitUrl,
                request.gitCommit(), branch, request.archiveId(), config, request.scheduledAt(), request.restore());
    }

    private static <T> T first(T asked, T fallback) {
        return asked != null ? asked : fallback;
    }
}
