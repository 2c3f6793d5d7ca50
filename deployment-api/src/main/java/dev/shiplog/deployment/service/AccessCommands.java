package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.domain.IssuedToken;
import dev.shiplog.deployment.domain.NewToken;
import dev.shiplog.deployment.messaging.outgoing.AccessEventsLog;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.AccessStore;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.ApiTokens;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.access.Role;
import dev.shiplog.kit.messaging.Envelopes;
import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.kit.rest.InvalidInputException;
import dev.shiplog.kit.rest.InvalidInputException.Violation;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.schema.access.MemberRemoved;
import dev.shiplog.schema.access.MemberRoleGranted;
import dev.shiplog.schema.access.TokenIssued;
import dev.shiplog.schema.access.TokenRevoked;
import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tokens and members, as events on {@code shiplog.access.events} (the deployment-api is the one writer). Every
 * service projects them (service-kit {@code AccessProjection}); this one answers only once its own copy shows the
 * change, so a token works at the gateway as soon as it is handed out (the other services follow within
 * milliseconds).
 * <ul>
 * <li>a personal token acts as its subject, with the subject's roles; anyone may make one for themselves, an
 * instance administrator for anyone;</li>
 * <li>a project token acts on one project with the role it was given (at most admin); a project admin makes it;</li>
 * <li>members are given roles, and removed, by an admin of the project.</li>
 * </ul>
 */
@ApplicationScoped
public class AccessCommands {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    static final String SESSION = "dashboard session";

    private final EventPublisher events;
    private final AccessGuard access;
    private final AccessStore store;
    private final DeploymentApiConfig config;

    public AccessCommands(@AccessEventsLog EventPublisher events, AccessGuard access, AccessStore store,
            DeploymentApiConfig config) {
        this.events = events;
        this.access = access;
        this.store = store;
        this.config = config;
    }

    public IssuedToken issue(Caller caller, NewToken request) {
        List<Violation> violations = new ArrayList<>();
        if (request.name() == null) {
            violations.add(new Violation("name", "is required"));
        } else if (FieldRules.line(request.name(), FieldRules.TOKEN_NAME) != null) {
            violations.add(new Violation("name", FieldRules.line(request.name(), FieldRules.TOKEN_NAME)));
        }
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            violations.add(new Violation("expiresInDays", "must be between 1 and " + MAX_DAYS));
        }
        if (request.projectId() != null) {
            check(violations, "projectId", FieldRules.name(request.projectId()));
            if (request.role() == null) {
                violations.add(new Violation("role", "is required for a project token"));
            } else {
                check(violations, "role", FieldRules.role(request.role()));
            }
            if (request.subject() != null) {
                violations.add(new Violation("subject", "must be absent: a project token acts as itself"));
            }
        } else {
            if (request.role() != null) {
                violations.add(new Violation("role", "must be absent: only a project token (with projectId) has a"
                        + " role of its own; a personal token acts with its subject's roles"));
            }
            if (request.subject() != null) {
                check(violations, "subject", FieldRules.subject(request.subject()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        ApiTokens.Issued issued = ApiTokens.issue();
        Actor actor;
        String subject;
        if (request.projectId() != null) {
            actor = access.require(caller, request.projectId(), Role.ADMIN, "token.issue", null, null,
                    "making a project token");
            subject = "token:" + issued.tokenId();
        } else {
            subject = request.subject() == null ? caller.subject() : request.subject();
            if (caller.projectToken()) {
                throw access.refuse(caller, caller.tokenRole(), "token.issue", caller.tokenProject(), null, subject,
                        "a project token makes only project tokens");
            }
            actor = subject.equals(caller.subject()) && !caller.instanceAdmin() ? new Actor(caller.subject(), null)
                    : access.requireInstanceAdmin(caller, "token.issue", subject);
        }
        Instant expiresAt = Instant.now().plus(Duration.ofDays(days));
        events.publish("token:" + issued.tokenId(), TokenIssued.newBuilder()
                .setEnvelope(Envelopes.root(actor, "token:" + issued.tokenId(), null))
                .setTokenId(issued.tokenId()).setName(request.name()).setSubject(subject)
                .setSecretSha256(issued.secretSha256()).setExpiresAt(expiresAt).setProjectId(request.projectId())
                .setRole(request.role()).build());
        visible(() -> store.token(issued.tokenId()).isPresent(), "token " + issued.tokenId());
        return new IssuedToken(issued.tokenId(), issued.token(), request.name(), subject, request.projectId(),
                request.role(), expiresAt);
    }

    /**
     * Opens a dashboard session for whoever {@code caller} proves to be (signing in): an API token of theirs, named
     * {@code dashboard session}, expiring at {@code expiresAt}, with the caller's instance rights; listed with their
     * other tokens, and revoked by signing out. A project token signs in nowhere: it is a script's credential.
     */
    public IssuedToken openSession(Caller caller, Instant expiresAt) {
        if (caller.projectToken()) {
            throw new InvalidInputException("token", "must be a personal API token or a JWT: a project token is a"
                    + " script's credential and cannot sign in to the dashboard");
        }
        ApiTokens.Issued issued = ApiTokens.issue();
        events.publish("token:" + issued.tokenId(), TokenIssued.newBuilder()
                .setEnvelope(Envelopes.root(new Actor(caller.subject(), null), "token:" + issued.tokenId(), null))
                .setTokenId(issued.tokenId()).setName(SESSION).setSubject(caller.subject())
                .setSecretSha256(issued.secretSha256()).setExpiresAt(expiresAt)
                .setInstanceAdmin(caller.instanceAdmin()).build());
        visible(() -> store.token(issued.tokenId()).isPresent(), "session " + issued.tokenId());
        return new IssuedToken(issued.tokenId(), issued.token(), SESSION, caller.subject(), null, null, expiresAt);
    }

    /**
     * Revokes a token: its own subject may (a personal token), an admin of its project (a project token), an
     * instance administrator (any). Revoking a revoked token changes nothing.
     */
    public void revoke(Caller caller, String tokenId, String reason) {
        if (FieldRules.identifier(tokenId) != null) {
            throw new InvalidInputException("tokenId", FieldRules.identifier(tokenId));
        }
        if (reason != null && FieldRules.line(reason, FieldRules.REASON) != null) {
            throw new InvalidInputException("reason", FieldRules.line(reason, FieldRules.REASON));
        }
        AccessStore.TokenRecord token = QuarkusTransaction.joiningExisting().call(() -> store.token(tokenId))
                .orElseThrow(() -> new NotFoundException("No token " + tokenId));
        Actor actor;
        if (token.projectId() != null) {
            actor = access.require(caller, token.projectId(), Role.ADMIN, "token.revoke", null, tokenId,
                    "revoking a project token");
        } else if (caller.instanceAdmin()) {
            actor = access.requireInstanceAdmin(caller, "token.revoke", tokenId);
        } else if (token.subject().equals(caller.subject()) && !caller.projectToken()) {
            actor = new Actor(caller.subject(), null);
        } else {
            throw access.refuse(caller, null, "token.revoke", null, null, tokenId,
                    caller.subject() + " may revoke only their own tokens");
        }
        if (token.revokedAt() != null) {
            return;
        }
        events.publish("token:" + tokenId, TokenRevoked.newBuilder()
                .setEnvelope(Envelopes.root(actor, "token:" + tokenId, null)).setTokenId(tokenId).setReason(reason)
                .build());
        visible(() -> store.token(tokenId).map(t -> t.revokedAt() != null).orElse(false), "revocation of " + tokenId);
    }

    /** Gives {@code subject} {@code role} in the project (an admin of the project may). */
    public void grant(Caller caller, String projectId, String subject, String role) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        check(violations, "subject", FieldRules.subject(subject));
        if (role == null) {
            violations.add(new Violation("role", "is required"));
        } else {
            check(violations, "role", FieldRules.role(role));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Actor actor = access.require(caller, projectId, Role.ADMIN, "member.grant", null, subject,
                "giving roles in the project");
        events.publish(projectId, MemberRoleGranted.newBuilder()
                .setEnvelope(Envelopes.root(actor, projectId, null)).setProjectId(projectId).setSubject(subject)
                .setRole(role).build());
        visible(() -> store.memberRole(projectId, subject).map(r -> r.wire().equals(role)).orElse(false),
                "role of " + subject);
    }

    /** Takes {@code subject}'s role in the project away (an admin of the project may); 404 if they have none. */
    public void remove(Caller caller, String projectId, String subject) {
        List<Violation> violations = new ArrayList<>();
        check(violations, "projectId", FieldRules.name(projectId));
        check(violations, "subject", FieldRules.subject(subject));
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Actor actor = access.require(caller, projectId, Role.ADMIN, "member.remove", null, subject,
                "removing members of the project");
        if (QuarkusTransaction.joiningExisting().call(() -> store.memberRole(projectId, subject)).isEmpty()) {
            throw new NotFoundException(subject + " is not a member of project " + projectId);
        }
        events.publish(projectId, MemberRemoved.newBuilder().setEnvelope(Envelopes.root(actor, projectId, null))
                .setProjectId(projectId).setSubject(subject).build());
        visible(() -> store.memberRole(projectId, subject).isEmpty(), "removal of " + subject);
    }

    private static void check(List<Violation> violations, String field, String rule) {
        if (rule != null) {
            violations.add(new Violation(field, rule));
        }
    }

    /** Waits, a bounded time, until this service's own copy shows the change (read your writes). */
    private void visible(Supplier<Boolean> condition, String what) {
        Visible.within(config.accessVisibleWithin(), condition, what);
    }
}
