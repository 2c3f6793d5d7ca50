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
