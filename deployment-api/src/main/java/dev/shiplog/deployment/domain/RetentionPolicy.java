package dev.shiplog.deployment.domain;

import java.time.Instant;

/**
 * A project's artifact retention: the last {@code keepLast} releases of each environment are kept, and artifacts
 * younger than {@code keepDays} days (null: age keeps nothing); what is live, and the rollback target of what is live,
 * always. {@code isDefault}: the project set none, these are the platform's.
 */
public record RetentionPolicy(String projectId, int keepLast, Integer keepDays, boolean isDefault, String setBy,
        Instant setAt) {
}
