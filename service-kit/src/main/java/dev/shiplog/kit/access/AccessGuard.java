package dev.shiplog.kit.access;

import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.schema.audit.CommandRefused;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who may do what, the same on every service. The current {@link Caller} comes from the request's credential; their
 * role in a project is the instance administrator's (all), a project token's own (its project only), or what the
 * members on the log say. A command beyond one's role is refused with {@link AccessDeniedException} (403) before
 * anything changes, and the refusal is recorded for the audit trail ({@link RefusalLog}); a read beyond it is only
 * refused.
 */
@ApplicationScoped
public class AccessGuard {

    private static final Logger LOG = Logger.getLogger(AccessGuard.class);

    private final SecurityIdentity identity;
    private final AccessStore store;
    private final Instance<RefusalLog> refusals;

    public AccessGuard(SecurityIdentity identity, AccessStore store, Instance<RefusalLog> refusals) {
        this.identity = identity;
        this.store = store;
        this.refusals = refusals;
    }

    /** The caller of the current request; 401 if there is none (every API endpoint requires a credential). */
    public Caller caller() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException("no credential: send Authorization: Bearer <token>");
        }
        Caller caller = identity.getAttribute(CredentialIdentityProvider.CALLER);
        if (caller == null) {
            throw new UnauthorizedException("the credential was not checked by Shiplog");
        }
        return caller;
    }

    /** The caller's role in {@code projectId}, if any. */
    public Optional<Role> roleIn(Caller caller, String projectId) {
        if (caller.instanceAdmin()) {
            return Optional.of(Role.ADMIN);
        }
        if (caller.projectToken()) {
            return caller.tokenProject().equals(projectId) ? Optional.of(caller.tokenRole()) : Optional.empty();
        }
        return store.memberRole(projectId, caller.subject());
    }

    /**
     * Whether {@code caller} may see {@code projectId} at all (any role). Something of a project the caller has no
     * role in is answered as if it did not exist: a 404 like an unknown id, never a 403 that names the project.
     */
    public boolean maySee(Caller caller, String projectId) {
        return roleIn(caller, projectId).isPresent();
    }

    /** A read of {@code projectId}: needs the viewer role; 403 otherwise (not recorded). */
    public void requireToRead(Caller caller, String projectId) {
        Optional<Role> role = roleIn(caller, projectId);
        if (role.isEmpty()) {
            throw new AccessDeniedException(caller.subject() + " has no role in project " + projectId);
        }
    }

    /**
     * A command on {@code projectId} ({@code environment} and {@code target} name what it is about, for the audit):
     * needs {@code needed} ({@code why} says for what), else it is refused, recorded and answered 403. Returns the
     * actor its events carry.
     */
    public Actor require(Caller caller, String projectId, Role needed, String action, String environment,
            String target, String why) {
        try {
            return authorize(caller, projectId, needed, why);
        } catch (AccessDeniedException e) {
            throw refuse(caller, roleIn(caller, projectId).orElse(null), action, projectId, environment, target,
                    e.getMessage());
        }
    }

    /** As {@link #require}, without recording a refusal (a command from the log answers with CommandRejected). */
    public Actor authorize(Caller caller, String projectId, Role needed, String why) {
        Optional<Role> role = roleIn(caller, projectId);
        if (role.isPresent() && role.get().includes(needed)) {
            return Actor.of(caller, role.get());
        }
        throw new AccessDeniedException((role.isEmpty() ? caller.subject() + " has no role in project " + projectId
                : caller.subject() + " is " + role.get().wire() + " in project " + projectId) + "; " + why
                + " needs the " + needed.wire() + " role");
    }

    /** A read only instance administrators may do (not recorded). */
    public void requireInstanceAdminToRead(Caller caller, String what) {
        if (!caller.instanceAdmin()) {
            throw new AccessDeniedException(what + " is for administrators of the instance");
        }
    }

    /** A command only an instance administrator may give. */
    public Actor requireInstanceAdmin(Caller caller, String action, String target) {
        if (caller.instanceAdmin()) {
            return new Actor(caller.subject(), FieldRules.INSTANCE_ADMIN);
        }
        throw refuse(caller, null, action, null, null, target, action + " is for administrators of the instance");
    }

    /**
     * Refuses a command for a reason beyond roles (an approval by its own requester, say): recorded like a refusal
     * for want of a role.
     */
    public AccessDeniedException refuse(Caller caller, Role role, String action, String projectId, String environment,
            String target, String reason) {
        if (refusals.isResolvable()) {
            String actorRole = caller.instanceAdmin() ? FieldRules.INSTANCE_ADMIN : role == null ? null : role.wire();
            CommandRefused refused = CommandRefused.newBuilder()
                    .setEnvelope(Envelopes.root(new Actor(caller.person(), actorRole, caller.credential()),
                            projectId == null ? caller.subject() : projectId, null))
                    .setAction(action).setProjectId(projectId).setEnvironment(environment).setTarget(target)
                    .setReason(FieldRules.storable(reason)).setStatus(403).build();
            try {
                refusals.get().record(projectId != null ? projectId : refused.getEnvelope().getEventId(), refused);
            } catch (RuntimeException e) {
                LOG.warnf("a refused %s by %s could not be recorded for the audit: %s", action, caller.subject(),
                        e.getMessage());
            }
        }
        return new AccessDeniedException(reason);
    }
}
