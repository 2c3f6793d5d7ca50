package dev.shiplog.deployment.domain;

import java.time.Instant;

/** Someone's role in a project, who gave it and when. */
public record Member(String subject, String role, Instant grantedAt, String grantedBy) {
}
