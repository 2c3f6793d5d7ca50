package dev.shiplog.pipeline.domain.lane;

/**
 * The release live in an environment, as the log shows it (what {@code ReleaseLine} says is live): what an orphan
 * that went live before its worker stopped needs to end as it should.
 */
public record LiveRelease(String deploymentId, String artifactId, String deploymentUrl, String environmentUrl,
        String previousDeploymentId) {
}
