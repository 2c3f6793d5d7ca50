package dev.shiplog.deployment.domain;

import java.time.Instant;

/** A token as it is listed: never its secret. {@code state}: active, expired or revoked. */
public record TokenView(String tokenId, String name, String subject, String projectId, String role,
        Instant issuedAt, String issuedBy, Instant expiresAt, Instant revokedAt, String state) {
}
