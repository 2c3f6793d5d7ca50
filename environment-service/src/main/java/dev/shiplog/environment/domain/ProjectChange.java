package dev.shiplog.environment.domain;

/** A project's configuration as asked: name, where its code is, its default branch, its build defaults. */
public record ProjectChange(String name, String repositoryUrl, String defaultBranch,
        Project.BuildDefaults buildDefaults) {
}
