package dev.shiplog.deployment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A release that was live in an environment (its ReleaseActivated), and how it ended: {@code replaced} by the next
 * one, {@code rolled_back} by a rollback, {@code health_failure} when the platform rolled it back by itself;
 * {@code withdrawn} if its deployment failed after the activation was recorded (it never served).
 */
@Entity
@Table(name = "release")
public class ReleaseEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    @Column(name = "artifact_id")
    public String artifactId;
    /** The offset of its ReleaseActivated: the order of the history. */
    public long position;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "previous_deployment_id")
    public String previousDeploymentId;
    public String ended;
    @Column(name = "ended_at")
    public Instant endedAt;
    /** The deployment that replaced it. */
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "ended_reason")
    public String endedReason;
    public boolean withdrawn;

    /** What is live in the environment: its latest release that was not withdrawn. */
    public static ReleaseEntity live(String projectId, String environment) {
        return find("projectId = ?1 and environment = ?2 and withdrawn = false order by position desc", projectId,
                environment).firstResult();
    }

    /** The release before {@code release} in its environment's history (not withdrawn), or null. */
    public static ReleaseEntity before(ReleaseEntity release) {
        return find("projectId = ?1 and environment = ?2 and withdrawn = false and position < ?3 order by position"
                + " desc", release.projectId, release.environment, release.position).firstResult();
    }

    /** The environment's history, newest first, a page of it. */
    public static List<ReleaseEntity> history(String projectId, String environment, int page, int size) {
        return find("projectId = ?1 and environment = ?2 and withdrawn = false order by position desc", projectId,
                environment).page(page, size).list();
    }

    public static long count(String projectId, String environment) {
        return count("projectId = ?1 and environment = ?2 and withdrawn = false", projectId, environment);
    }
}
