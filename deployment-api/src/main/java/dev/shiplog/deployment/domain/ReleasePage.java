package dev.shiplog.deployment.domain;

import java.time.Instant;
import java.util.List;

/** An environment's release history, newest first (a page of it), and its pin (null when not pinned). */
public record ReleasePage(String projectId, String environment, Pin pin, List<Release> releases, int page, int size,
        long total) {

    /** The environment is pinned by a rollback: new deployments and promotions are refused until an unpin. */
    public record Pin(String rollbackDeploymentId, String reason, String by, Instant at) {
    }
}
