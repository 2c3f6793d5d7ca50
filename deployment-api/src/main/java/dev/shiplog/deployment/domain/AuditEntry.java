package dev.shiplog.deployment.domain;

import java.time.Instant;

/**
 * One command in the audit trail: when, who, acting as what, what they asked, how it ended ({@code accepted},
 * {@code refused} for want of a role, {@code rejected} as invalid), and what it was about. A project token acts for
 * whoever made it: they are the actor, and {@code actorCredential} names the token ({@code token:<id>}).
 */
public record AuditEntry(String eventId, Instant at, String actor, String actorRole, String actorCredential,
        String action, String outcome, String projectId, String environment, String target, String detail) {
}
