package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.access.Authority;
import dev.shiplog.deployment.domain.access.DeploymentAction;
import dev.shiplog.deployment.domain.access.Requirement;
import dev.shiplog.deployment.repository.KnownEnvironment;
import dev.shiplog.kit.access.AccessDeniedException;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.schema.common.Envelope;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a caller may do what they ask, as the domain's {@link Authority} says (the role each command needs),
 * checked by service-kit's access. A REST call beyond its role is refused and recorded (403); a command from the log
 * ({@code cause}) is refused for its handler to answer with CommandRejected. Asked before anything about the
 * deployments concerned is told, so a caller without the role learns nothing of them.
 */
@ApplicationScoped
public class DeploymentAccess {

    private final AccessGuard access;

    public DeploymentAccess(AccessGuard access) {
        this.access = access;
    }

    /** Whether {@code caller} has any role in the project: something of it is a 404 to anyone else, as if unknown. */
    boolean maySee(Caller caller, String projectId) {
        return access.maySee(caller, projectId);
    }

    /** May {@code caller} do {@code action} in {@code environment} ({@code target}: what it is about, for the audit)? */
    Actor mayChange(Caller caller, String projectId, String environment, DeploymentAction action, String target,
            Envelope cause) {
        KnownEnvironment known = Tx.read(() -> KnownEnvironment.find(projectId, environment));
        return mayChange(caller, projectId, environment, known != null && known.protectedEnvironment, action, target,
                cause);
    }

    /** The same, knowing whether the environment is protected. */
    Actor mayChange(Caller caller, String projectId, String environment, boolean protectedEnvironment,
            DeploymentAction action, String target, Envelope cause) {
        return require(caller, projectId, environment, target,
                Authority.toChange(action, environment, protectedEnvironment), cause);
    }

    /** Whether {@code caller} meets {@code needed} in the project. */
    Actor require(Caller caller, String projectId, String environment, String target, Requirement needed,
            Envelope cause) {
        return cause == null
                ? access.require(caller, projectId, Refusals.role(needed.role()), needed.action(), environment, target,
                        needed.why())
                : access.authorize(caller, projectId, Refusals.role(needed.role()), needed.why());
    }

    /** Refuses a call for a reason beyond roles (an approval by its own requester), recorded like any refusal. */
    AccessDeniedException refuse(Caller caller, String projectId, String environment, String target,
            Requirement needed, String reason) {
        return access.refuse(caller, access.roleIn(caller, projectId).orElse(null), needed.action(), projectId,
                environment, target, reason);
    }
}
