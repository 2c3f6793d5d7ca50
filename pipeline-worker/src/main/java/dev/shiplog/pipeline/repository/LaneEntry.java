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

    /** The environment's unfinished deployments, the one holding it first. */
    public static List<LaneEntry> lane(String projectId, String environment) {
        return list("projectId = ?1 and environment = ?2 order by positionSeq", projectId, environment);
    }
}
