package dev.shiplog.deployment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project configured on the log: where its code is and how it builds when a deployment does not say. */
@Entity
@Table(name = "known_project")
public class KnownProject extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "repository_url")
    public String repositoryUrl;
    @Column(name = "default_branch")
    public String defaultBranch;
    /** The build defaults (DeploymentSettings as JSON); null if none. */
    @Column(name = "build_defaults_json")
    public String buildDefaultsJson;
    /** Whether its deployments may build other sources than its repository. */
    @Column(name = "allow_other_sources")
    public boolean allowOtherSources;

    /** The repositories of the projects other than {@code projectId}. */
    public static java.util.List<String> othersRepositories(String projectId) {
        return KnownProject.<KnownProject>list("repositoryUrl is not null and projectId <> ?1", projectId).stream()
                .map(p -> p.repositoryUrl).toList();
    }
}
