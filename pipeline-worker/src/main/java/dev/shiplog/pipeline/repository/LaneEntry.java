package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Generated;

/** A deployment waiting for, or holding, its environment: one row per unfinished deployment. */
@Entity
@Table(name = "lane_entry")
public class LaneEntry extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    /** Assigned by the database on insert; requests are inserted in log order, so this is the queue order. */
    @Column(name = "position_seq", insertable = false, updatable = false)
    @Generated
    public Long positionSeq;
    @Column(name = "requested_at")
    public Instant requestedAt;
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
    /** When its first stage started; null while it waits. */
    @Column(name = "started_at")
    public Instant startedAt;
    /** Touched by the worker running it; a stale heartbeat means that worker died. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    /** When it succeeded, failed or was cancelled; it has left the queue. */
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** succeeded, failed or cancelled once finished. */
    public String outcome;
    /** Set when a cancellation was asked for while it runs. */
    @Column(name = "cancel_reason")
    public String cancelReason;

    /** The environment's unfinished deployments, the one holding it first. */
    public static List<LaneEntry> lane(String projectId, String environment) {
        return list("projectId = ?1 and environment = ?2 and finishedAt is null order by positionSeq", projectId,
                environment);
    }

    /** The environment's live deployment: the last one that succeeded. */
    public static LaneEntry live(String projectId, String environment) {
        return find("projectId = ?1 and environment = ?2 and outcome = 'succeeded' order by finishedAt desc",
                projectId, environment).firstResult();
    }

    /** Heads of their lanes that should have started by {@code before} but have not (a lost start). */
    public static List<LaneEntry> stalledHeads(Instant before) {
        return list("from LaneEntry e where e.finishedAt is null and e.startedAt is null and e.requestedAt < ?1"
                + " and not exists (from LaneEntry o where o.projectId = e.projectId and o.environment = e.environment"
                + " and o.finishedAt is null and o.positionSeq < e.positionSeq)", before);
    }

    /** Started, unfinished deployments whose worker has not been heard of since {@code before}. */
    public static List<LaneEntry> orphaned(Instant before) {
        return list("finishedAt is null and startedAt is not null and heartbeatAt < ?1", before);
    }
}
