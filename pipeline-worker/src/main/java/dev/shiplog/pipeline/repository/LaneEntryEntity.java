package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A deployment of a lane: its place, its request (source and config) and, while it runs, its lease. */
@Entity
@Table(name = "lane_entry")
public class LaneEntryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    /** The offset of its DeploymentRequested on the log: the order of the line. */
    public long position;
    @Column(name = "requested_at")
    public Instant requestedAt;
    /** The event id of its DeploymentRequested: what the events of its runs are caused by. */
    @Column(name = "request_event_id")
    public String requestEventId;
    public String version;
    @Column(name = "archive_id")
    public String archiveId;
    @Column(name = "git_url")
    public String gitUrl;
    @Column(name = "git_commit")
    public String gitCommit;
    @Column(name = "git_branch")
    public String gitBranch;
    /** The DeploymentConfig of the request, in Avro's single-object encoding. */
    public byte[] config;
    /** awaiting (an approval), scheduled (for a later time), queued, running or finished. */
    public String state;
    /** When a deployment awaiting an approval is cancelled if nobody decided. */
    @Column(name = "approval_expires_at")
    public Instant approvalExpiresAt;
    /** A scheduled deployment's time: it joins the line then. */
    @Column(name = "not_before")
    public Instant notBefore;
    /** The artifact a deployment that builds nothing activates (a rollback, a promotion). */
    @Column(name = "artifact_id")
    public String artifactId;
    /** rollback or promotion; null for a deployment built from its source. */
    @Column(name = "restore_kind")
    public String restoreKind;
    /** The rollback's target, or the promotion's source deployment. */
    @Column(name = "restore_from")
    public String restoreFrom;
    /** The deployment a rollback was asked about. */
    @Column(name = "restore_replaced")
    public String restoreReplaced;
    @Column(name = "restore_reason")
    public String restoreReason;
    /** A rollback the platform asked for by itself (a failed bake). */
    @Column(name = "restore_automatic")
    public boolean restoreAutomatic;
    /** The EnvironmentSnapshot the deployment runs with, in Avro's single-object encoding; null if none. */
    public byte[] snapshot;
    /** How many times it was started (0 while it waits). */
    public int attempt;
    /** The worker instance running it. */
    public String owner;
    /** Set when a cancellation was asked for while it runs. */
    @Column(name = "cancel_reason")
    public String cancelReason;
    /** It claimed the point of no return: it is going live. */
    public boolean activating;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** succeeded, failed or cancelled once finished. */
    public String outcome;
}
