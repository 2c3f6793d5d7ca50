package dev.shiplog.deployment.domain;

import java.util.List;

/** One page of a project's deployments and the total that match. */
public record DeploymentPage(List<Deployment> items, int page, int size, long total) {
}
