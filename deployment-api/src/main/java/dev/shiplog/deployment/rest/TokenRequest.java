package dev.shiplog.deployment.rest;

import dev.shiplog.deployment.domain.NewToken;

/**
 * Body of {@code POST /api/tokens}: {@code name} (what it is for), {@code expiresInDays} (1 to 366, default 30);
 * for a project token {@code projectId} and {@code role}; for a personal token of someone else (instance
 * administrators) {@code subject}.
 */
public record TokenRequest(String name, Integer expiresInDays, String projectId, String role, String subject) {

    NewToken toCommand() {
        return new NewToken(name, expiresInDays, projectId, role, subject);
    }
}
