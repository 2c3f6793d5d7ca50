package dev.shiplog.deployment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the deployment history projection. Written only by the projector. */
@Entity
@Table(name = "deployment")
public class DeploymentEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    public String version;
    public String status;
    @Column(name = "git_url")
    public String gitUrl;
    @Column(name = "git_commit")
    public String gitCommit;
    @Column(name = "git_branch")
    public String gitBranch;
    @Column(name = "archive_id")
    public String archiveId;
    @Column(name = "config_json")
    public String configJson;
    @Column(name = "initiated_by")
    public String initiatedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "queue_position")
    public Integer queuePosition;
    @Column(name = "artifact_id")
    public String artifactId;
    @Column(name = "artifact_url")
    public String artifactUrl;
    @Column(name = "deployment_url")
    public String deploymentUrl;
    @Column(name = "environment_url")
    public String environmentUrl;
    @Column(name = "failure_reason")
    public String failureReason;
    /** build (from its source), rollback (an earlier release again) or promotion (another environment's artifact). */
    public String kind = "build";
    /** The rollback's target, or the promotion's source deployment. */
    @Column(name = "restore_from")
    public String restoreFrom;
    /** The deployment a rollback was asked about. */
    @Column(name = "replaced_deployment_id")
    public String replacedDeploymentId;
    /** When a scheduled deployment takes its place; null if it was not scheduled. */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;
    /** When it took its place in its environment's lane (its first DeploymentQueued). */
    @Column(name = "queued_at")
    public Instant queuedAt;
    /** The environment snapshot it runs with (JSON: url, settings, bakeSeconds); null if its request had none. */
    @Column(name = "snapshot_json")
    public String snapshotJson;
    @Column(name = "last_event_at")
    public Instant lastEventAt;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "initiated_role")
    public String initiatedRole;
    /** null (no approval needed), waiting, approved or rejected. */
    @Column(name = "approval_status")
    public String approvalStatus;
    @Column(name = "approval_expires_at")
    public Instant approvalExpiresAt;
    @Column(name = "approval_decided_by")
    public String approvalDecidedBy;
    @Column(name = "approval_decided_at")
    public Instant approvalDecidedAt;
    @Column(name = "approval_comment")
    public String approvalComment;
}
