package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a successful deployment put live (version, artifact) and what it was built from (its commit and history). */
@Entity
@Table(name = "deployment_release")
public class DeploymentReleaseEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    public String version;
    @Column(name = "artifact_id")
    public String artifactId;
    /** The commit it built, when it came from git (SourceResolved). */
    @Column(name = "git_commit")
    public String gitCommit;
    /** That commit and the ones before it, newest first, as JSON [{sha, title}]. */
    @Column(name = "history_json")
    public String historyJson;
}
