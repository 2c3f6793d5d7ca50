package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One row of the environment projection. Written only by the projectors. */
@Entity
@Table(name = "environment")
@IdClass(EnvironmentEntity.Key.class)
public class EnvironmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String name;
    public String url;
    @Column(name = "settings_json")
    public String settingsJson = "{}";
    @Column(name = "protected")
    public boolean isProtected;
    @Column(name = "approval_required")
    public boolean approvalRequired;
    @Column(name = "bake_seconds")
    public Integer bakeSeconds;
    /** Set while the environment is pinned (after a rollback): by whom, when, by which rollback, why. */
    @Column(name = "pinned_by")
    public String pinnedBy;
    @Column(name = "pinned_at")
    public Instant pinnedAt;
    @Column(name = "pinned_rollback")
    public String pinnedRollback;
    @Column(name = "pinned_reason")
    public String pinnedReason;
    /** healthy, degraded or down, as the last EnvironmentHealthChanged said; null until one did. */
    public String status;
    @Column(name = "current_deployment_id")
    public String currentDeploymentId;
    @Column(name = "current_version")
    public String currentVersion;
    @Column(name = "current_artifact")
    public String currentArtifact;
    /** Set when its project was deleted. */
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static EnvironmentEntity find(String projectId, String name) {
        return findById(new Key(projectId, name));
    }

    public static List<EnvironmentEntity> ofProject(String projectId) {
        return list("projectId = ?1 and deletedAt is null order by name", projectId);
    }

    /**
     * The environment, made (and persisted) if this is the first event about it, and touched by an event that
     * occurred {@code at}: created at the earliest event, updated at the latest, whichever order they come in (the
     * two topics the projection is built from are not ordered with each other).
     */
    public static EnvironmentEntity touch(String projectId, String name, Instant at) {
        // Two projections write this row, from two topics, on their own threads (or instances): each takes the row's
        // lock for the rest of its transaction before reading it, so neither writes back what it read before the
        // other's commit (a health status lost that way was what a rebuild first caught), and neither inserts it twice.
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(current_schema()), hashtext(?1))")
                .setParameter(1, projectId + "/" + name).getSingleResult();
        EnvironmentEntity found = find(projectId, name);
        if (found == null) {
            found = new EnvironmentEntity();
            found.projectId = projectId;
            found.name = name;
            found.createdAt = at;
            found.updatedAt = at;
            found.persist(); // every column has a value: the defaults of the fields, the key and the times
        }
        if (at.isBefore(found.createdAt)) {
            found.createdAt = at;
        }
        if (at.isAfter(found.updatedAt)) {
            found.updatedAt = at;
        }
        return found;
    }

    /** Composite key: project and environment name. */
    public static class Key implements Serializable {
        public String projectId;
        public String name;

        public Key() {
        }

        public Key(String projectId, String name) {
            this.projectId = projectId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.projectId.equals(projectId) && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, name);
        }
    }
}
