package dev.shiplog.deployment.repository;

import dev.shiplog.schema.EnvironmentRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An environment that exists (it was configured): deployments may target it. */
@Entity
@Table(name = "known_environment")
@IdClass(EnvironmentRef.class)
public class KnownEnvironment extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String environment;
    /** Deploying into it needs the maintainer role. */
    @Column(name = "protected")
    public boolean protectedEnvironment;
    /** A deployment into it also needs the approval of a maintainer other than its requester. */
    @Column(name = "approval_required")
    public boolean approvalRequired;
    /** What a deployment into it runs with, as its configuration says now (snapshotted into each request). */
    public String url;
    @Column(name = "settings_json")
    public String settingsJson = "{}";
    @Column(name = "bake_seconds")
    public Integer bakeSeconds;
    /** Its plain variables, as JSON (a map). */
    @Column(name = "variables_json")
    public String variablesJson = "{}";
    /** Its secrets as they were sealed, as JSON (a list of Snapshot.Sealed): never in clear. */
    @Column(name = "secrets_json")
    public String secretsJson = "[]";

    public static boolean exists(String projectId, String environment) {
        return find(projectId, environment) != null;
    }

    public static KnownEnvironment find(String projectId, String environment) {
        return findById(EnvironmentRef.of(projectId, environment));
    }

    public static boolean projectExists(String projectId) {
        return count("projectId", projectId) > 0;
    }
}
