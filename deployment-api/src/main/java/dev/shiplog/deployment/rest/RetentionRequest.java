package dev.shiplog.deployment.rest;

/**
 * Body of {@code PUT /api/projects/{projectId}/retention}: the releases kept per environment, and the age in days
 * that keeps an artifact too (optional).
 */
public record RetentionRequest(Integer keepLast, Integer keepDays) {
}
