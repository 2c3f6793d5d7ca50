package dev.shiplog.deployment.domain.access;

/**
 * What a command needs of its caller: the role, the audit's name of the action ({@code deployment.request}, ...) and,
 * in words, what it does ({@code why}: "deploying to the protected environment production"), which a refusal says.
 */
public record Requirement(ProjectRole role, String action, String why) {
}
