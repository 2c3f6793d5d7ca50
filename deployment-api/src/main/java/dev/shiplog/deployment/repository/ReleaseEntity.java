package dev.shiplog.deployment.repository;

import dev.shiplog.schema.rules.ReleaseLine;
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

    /**
     * The environment's releases in the order they went live (the positions of their ReleaseActivated): what is live,
     * what was live before, what a rollback may target are {@link ReleaseLine}'s answers on it.
     */
    public static ReleaseLine line(String projectId, String environment) {
        return ReleaseLine.of(rows(projectId, environment).stream()
                .map(r -> new ReleaseLine.Release(r.deploymentId, r.artifactId, r.withdrawn)).toList());
    }

    /** The environment's rows, in the order they went live. */
    public static List<ReleaseEntity> rows(String projectId, String environment) {
        return list("projectId = ?1 and environment = ?2 order by position", projectId, environment);
    }

    /**
     * The releases {@code deploymentId} replaced, as managed entities: changed through them, never by a bulk update,
     * so that a rebuild applying many events in one transaction ends as applying them one by one does (a bulk update
     * leaves the entities already loaded stale, and their next write puts the old values back).
     */
    public static List<ReleaseEntity> replacedBy(String deploymentId) {
        return list("endedBy = ?1 and ended = 'replaced'", deploymentId);
    }
}
