package dev.shiplog.deployment.rest;

/** Body of {@code PUT /api/projects/{id}/members/{subject}}: the role (viewer, deployer, maintainer or admin). */
public record MemberRequest(String role) {
}
