package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A release that went live in an environment, from its ReleaseActivated; the environment's history of them. */
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
    @Column(name = "deployment_url")
    public String deploymentUrl;
    @Column(name = "environment_url")
    public String environmentUrl;
    @Column(name = "previous_deployment_id")
    public String previousDeploymentId;
    /** The offset of its ReleaseActivated: the order of the history. */
    public long position;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "replaced_by")
    public String replacedBy;
    @Column(name = "replaced_at")
    public Instant replacedAt;
    /** Its deployment failed after the activation was recorded: it never served. */
    public boolean withdrawn;
    /** Until when the live release is watched after it went live (null: not watched, e.g. a rollback). */
    @Column(name = "bake_until")
    public Instant bakeUntil;
    /** The path probed on the environment's URL while it bakes. */
    @Column(name = "health_path")
    public String healthPath;
    /** passed or failed once the watch is over; null while it bakes. */
    @Column(name = "bake_verdict")
    public String bakeVerdict;

    /** Whether it is the environment's live release now (ReleaseLine's answer, kept by the release history). */
    public boolean live;
    /** Failed health checks in a row while it bakes. */
    @Column(name = "bake_failures")
    public int bakeFailures;

    /** What is live in the environment (as the release history recorded it), or null. */
    public static ReleaseEntity live(String projectId, String environment) {
        return find("projectId = ?1 and environment = ?2 and live = true", projectId, environment).firstResult();
    }
}
