package dev.shiplog.deployment.domain;

/**
 * A token asked for: a personal one (for the caller, or for {@code subject} when an instance administrator asks),
 * or, with {@code projectId} and {@code role}, a project token acting on that project only with that role.
 */
public record NewToken(String name, Integer expiresInDays, String projectId, String role, String subject) {
}
