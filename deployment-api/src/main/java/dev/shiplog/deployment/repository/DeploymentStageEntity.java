package dev.shiplog.deployment.repository;

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

/** One stage (build, upload, deploy, verify) of a deployment in the history projection. */
@Entity
@Table(name = "deployment_stage")
@IdClass(DeploymentStageEntity.Key.class)
public class DeploymentStageEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Id
    public String stage;
    public String status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    public String message;

    public static List<DeploymentStageEntity> of(String deploymentId) {
        return list("deploymentId = ?1 order by startedAt nulls last", deploymentId);
    }

    public static DeploymentStageEntity findOrNew(String deploymentId, String stage) {
        DeploymentStageEntity found = findById(new Key(deploymentId, stage));
        if (found == null) {
            found = new DeploymentStageEntity();
            found.deploymentId = deploymentId;
            found.stage = stage;
        }
        return found;
    }

    /** Composite key: deployment and stage. */
    public static class Key implements Serializable {
        public String deploymentId;
        public String stage;

        public Key() {
        }

        public Key(String deploymentId, String stage) {
            this.deploymentId = deploymentId;
            this.stage = stage;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.deploymentId.equals(deploymentId) && k.stage.equals(stage);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, stage);
        }
    }
}
