package dev.shiplog.deployment.domain.request;

import dev.shiplog.deployment.domain.Violation;
import dev.shiplog.schema.rules.GitSources;

/**
 * Whose code a deployment may build. A repository is one project's (its {@code repositoryUrl}): no other project's
 * deployment builds it. A project with a repository builds that one only, unless it allows other sources
 * ({@code allowOtherSources}); one without a repository builds any source that is not another project's.
 */
public final class SourceOwnership {

    /** What the project says of its sources: its repository (null: none), whether it allows others. */
    public record Owner(String repositoryUrl, boolean allowOtherSources) {
        public static final Owner NONE = new Owner(null, false);
    }

    /**
     * Why the project may not build {@code gitUrl}, or null. {@code anotherProjects} says whether it is another
     * project's repository (asked only when it is not the project's own).
     */
    public static Violation check(String projectId, String gitUrl, Owner owner,
            java.util.function.Predicate<String> anotherProjects) {
        if (gitUrl == null || GitSources.sameSource(gitUrl, owner.repositoryUrl())) {
            return null;
        }
        if (anotherProjects.test(gitUrl)) {
            return new Violation("gitUrl", "is another project's repository: a project deploys its own code (its"
                    + " repositoryUrl) or sources no other project has");
        }
        if (owner.repositoryUrl() != null && !owner.allowOtherSources()) {
            return new Violation("gitUrl", "must be project " + projectId + "'s repositoryUrl (" + owner.repositoryUrl()
                    + "), or left out; a maintainer lets the project build other sources with allowOtherSources");
        }
        return null;
    }

    private SourceOwnership() {
    }
}
