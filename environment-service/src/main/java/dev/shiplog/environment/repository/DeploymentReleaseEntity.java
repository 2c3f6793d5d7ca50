package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A deployment into an environment as far as this service follows it: its version (from its request, or its
 * success), what it built from (its commit and history, SourceResolved), and its place in its environment's line of
 * releases (schemas' ReleaseLine: the order they went live, and whether it was withdrawn since).
 */
@Entity
@Table(name = "deployment_release")
public class DeploymentReleaseEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    /** Null until its request or its success said it. */
    public String version;
    /** The artifact it went live with. */
    @Column(name = "artifact_id")
    public String artifactId;
    /** The commit it built, when it came from git (SourceResolved). */
    @Column(name = "git_commit")
    public String gitCommit;
    /** That commit and the ones before it, newest first, as JSON [{sha, title}]. */
    @Column(name = "history_json")
    public String historyJson;
    /** Its place in its environment's line of releases; null while it never went live there. */
    @Column(name = "live_order")
    public Integer liveOrder;
    /** It went live, then its deployment failed or was cancelled: it never served. */
    public boolean withdrawn;

    /** The deployment's row, made if this is the first fact about it. */
    public static DeploymentReleaseEntity of(String deploymentId, String projectId, String environment) {
        DeploymentReleaseEntity release = findById(deploymentId);
        if (release == null) {
            release = new DeploymentReleaseEntity();
            release.deploymentId = deploymentId;
            release.projectId = projectId;
            release.environment = environment;
            release.persist();
        }
        return release;
    }
}
