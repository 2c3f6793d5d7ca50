package dev.shiplog.environment.repository;

import dev.shiplog.schema.EnvironmentRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One row of the environment projection. Written only by the projections, through {@link EnvironmentStore}. */
@Entity
@Table(name = "environment")
@IdClass(EnvironmentRef.class)
public class EnvironmentEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    @Column(name = "name")
    public String environment;
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
    /**
     * Its server application as the runtime last reported it (ApplicationScaled, ApplicationCrashed): null while
     * there is none (the deployment null); a scaling's columns null until one, a crash's until one.
     */
    @Column(name = "application_deployment_id")
    public String applicationDeploymentId;
    @Column(name = "application_instances")
    public Integer applicationInstances;
    @Column(name = "scaled_at")
    public Instant scaledAt;
    @Column(name = "scaled_from")
    public Integer scaledFrom;
    @Column(name = "scaled_to")
    public Integer scaledTo;
    @Column(name = "scaled_reason")
    public String scaledReason;
    @Column(name = "crashed_at")
    public Instant crashedAt;
    @Column(name = "crashed_instance")
    public Integer crashedInstance;
    @Column(name = "crashed_exit_code")
    public Integer crashedExitCode;
    @Column(name = "crashed_output")
    public String crashedOutput;
    @Column(name = "crashed_restart_seconds")
    public Integer crashedRestartSeconds;
    /** Set when its project was deleted. */
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static EnvironmentEntity find(EnvironmentRef ref) {
        return findById(ref);
    }

    /** The environments of a project that were not deleted, by name. */
    public static List<EnvironmentEntity> ofProject(String projectId) {
        return list("projectId = ?1 and deletedAt is null order by environment", projectId);
    }

    public EnvironmentRef ref() {
        return EnvironmentRef.of(projectId, environment);
    }
}
