package dev.shiplog.environment.domain;

import java.time.Instant;

/**
 * An environment's pin: who pinned it (the rollback's requester, or the platform), when, by which rollback, why. While
 * it is pinned, new deployments are refused until someone unpins it.
 */
public record Pin(String rollbackDeploymentId, String reason, String by, Instant at) {
}
