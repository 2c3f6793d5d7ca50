package dev.shiplog.deployment.service;

import dev.shiplog.deployment.domain.Me;
import dev.shiplog.deployment.domain.Member;
import dev.shiplog.deployment.domain.TokenView;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.AccessStore;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.schema.rules.FieldRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Who the caller is, their tokens, a project's tokens and members. */
@ApplicationScoped
public class AccessQueries {

    private final AccessGuard access;
    private final AccessStore store;

    public AccessQueries(AccessGuard access, AccessStore store) {
        this.access = access;
        this.store = store;
    }

    public Me me(Caller caller) {
        List<Me.ProjectRole> projects = caller.projectToken()
                ? List.of(new Me.ProjectRole(caller.tokenProject(), caller.tokenRole().wire()))
                : store.memberships(caller.subject()).stream()
                        .map(m -> new Me.ProjectRole(m.projectId(), m.role())).toList();
        return new Me(caller.subject(), caller.instanceAdmin(), caller.tokenId(), caller.tokenProject(),
                caller.tokenRole() == null ? null : caller.tokenRole().wire(), projects);
    }

    /** The caller's own personal tokens, newest first. */
    public List<TokenView> tokens(Caller caller) {
        return caller.projectToken() ? List.of() : store.tokensOf(caller.subject()).stream().map(this::view).toList();
    }

    /** A project's tokens, for its admins. */
    public List<TokenView> projectTokens(Caller caller, String projectId) {
        name(projectId);
        access.authorize(caller, projectId, Role.ADMIN, "listing the project's tokens");
        return store.tokensOfProject(projectId).stream().map(this::view).toList();
    }

    /** A project's members, for anyone with a role in it. */
    public List<Member> members(Caller caller, String projectId) {
        name(projectId);
        access.requireToRead(caller, projectId);
        return store.members(projectId).stream()
                .map(m -> new Member(m.subject(), m.role(), m.grantedAt(), m.grantedBy())).toList();
    }

    private TokenView view(AccessStore.TokenRecord t) {
        String state = t.revokedAt() != null ? "revoked" : t.expiresAt().isAfter(Instant.now()) ? "active" : "expired";
        return new TokenView(t.tokenId(), t.name(), t.subject(), t.projectId(), t.role(), t.issuedAt(), t.issuedBy(),
                t.expiresAt(), t.revokedAt(), state);
    }

    private static void name(String projectId) {
        if (FieldRules.name(projectId) != null) {
            throw new InvalidInputException("projectId", FieldRules.NAME_RULE);
        }
    }
}
