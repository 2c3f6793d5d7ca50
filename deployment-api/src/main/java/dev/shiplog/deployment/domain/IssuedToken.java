package dev.shiplog.deployment.domain;

import java.time.Instant;

/** A token just created: {@code token} is its secret, shown this once and never again. */
public record IssuedToken(String tokenId, String token, String name, String subject, String projectId, String role,
        Instant expiresAt) {
}
