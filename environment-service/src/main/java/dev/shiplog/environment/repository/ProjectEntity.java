package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A project, from ProjectConfigured and ProjectDeleted. Written only by the projectors. */
@Entity
@Table(name = "project")
public class ProjectEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    public String name;
    @Column(name = "repository_url")
    public String repositoryUrl;
    @Column(name = "default_branch")
    public String defaultBranch;
    /** The build defaults, as JSON; null if none. */
    @Column(name = "build_defaults_json")
    public String buildDefaultsJson;
    /** Whether its deployments may build other sources than its repository. */
    @Column(name = "allow_other_sources")
    public boolean allowOtherSources;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The projects (not deleted) other than {@code projectId} that have a repository. */
    public static List<ProjectEntity> othersWithRepository(String projectId) {
        return list("deletedAt is null and repositoryUrl is not null and projectId <> ?1", projectId);
    }

    /** Projects not deleted, by id. */
    public static List<ProjectEntity> existing() {
        return list("deletedAt is null order by projectId");
    }
}
