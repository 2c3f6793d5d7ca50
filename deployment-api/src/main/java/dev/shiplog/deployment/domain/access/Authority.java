package dev.shiplog.deployment.domain.access;

/**
 * Which role each command needs in its project. Deploying, rolling back, promoting into and cancelling in an
 * environment need the deployer role, the maintainer role when the environment is protected; so does lifting its
 * pin. Approving or rejecting needs a maintainer (and another one than the requester: {@link Approvals}); a
 * project's retention and cleanup need a maintainer.
 */
public final class Authority {

    /** What {@code action} in {@code environment} needs ({@code protectedEnvironment}: it is protected). */
    public static Requirement toChange(DeploymentAction action, String environment, boolean protectedEnvironment) {
        return new Requirement(protectedEnvironment ? ProjectRole.MAINTAINER : ProjectRole.DEPLOYER, action.action(),
                action.doing() + (protectedEnvironment ? " the protected environment " : " ") + environment);
    }

    /** What lifting the pin of {@code environment} needs. */
    public static Requirement toUnpin(String environment, boolean protectedEnvironment) {
        return new Requirement(protectedEnvironment ? ProjectRole.MAINTAINER : ProjectRole.DEPLOYER,
                "environment.unpin", "unpinning " + (protectedEnvironment ? "the protected environment " : "")
                        + environment);
    }

    /** What approving ({@code approve}) or rejecting a deployment needs. */
    public static Requirement toDecide(boolean approve) {
        return new Requirement(ProjectRole.MAINTAINER, approve ? "deployment.approve" : "deployment.reject",
                (approve ? "approving" : "rejecting") + " a deployment");
    }

    /** What setting a project's artifact retention needs. */
    public static Requirement toSetRetention() {
        return new Requirement(ProjectRole.MAINTAINER, "project.retention", "setting the artifact retention");
    }

    /** What asking for a project's artifact cleanup needs. */
    public static Requirement toCleanUp() {
        return new Requirement(ProjectRole.MAINTAINER, "artifacts.cleanup", "cleaning up artifacts");
    }

    private Authority() {
    }
}
