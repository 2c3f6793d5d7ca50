package dev.shiplog.environment.domain;

/**
 * A project's configuration as asked: name, where its code is, its default branch, its build defaults, whether its
 * deployments may build other sources than its repository.
 */
public record ProjectChange(String name, String repositoryUrl, String defaultBranch,
        Project.BuildDefaults buildDefaults, boolean allowOtherSources) {

    public ProjectChange(String name, String repositoryUrl, String defaultBranch, Project.BuildDefaults buildDefaults) {
        this(name, repositoryUrl, defaultBranch, buildDefaults, false);
    }
}
