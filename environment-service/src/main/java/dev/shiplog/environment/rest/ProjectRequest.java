package dev.shiplog.environment.rest;

import dev.shiplog.environment.domain.Project;
import dev.shiplog.environment.domain.ProjectChange;

/**
 * Body of {@code PUT /api/projects/{projectId}}: its name, where its code is (a git URL or an allowed local path),
 * its default branch, how it builds by default, whether its deployments may build other git sources than its
 * repository (left out: no).
 */
public record ProjectRequest(String name, String repositoryUrl, String defaultBranch,
        Project.BuildDefaults buildDefaults, Boolean allowOtherSources) {

    ProjectChange toCommand() {
        return new ProjectChange(name, repositoryUrl, defaultBranch, buildDefaults,
                Boolean.TRUE.equals(allowOtherSources));
    }
}
