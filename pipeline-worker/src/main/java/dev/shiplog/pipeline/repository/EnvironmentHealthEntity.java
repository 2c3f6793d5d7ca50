package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The health last published for an environment's live release, and its failed checks in a row. */
@Entity
@Table(name = "environment_health")
@IdClass(EnvironmentHealthEntity.Key.class)
public class EnvironmentHealthEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String environment;
    @Column(name = "deployment_id")
    public String deploymentId;
    /** healthy, degraded or down. */
    public String status;
    public int failures;
    @Column(name = "changed_at")
    public Instant changedAt;

    /** Composite key: project and environment. */
    public static class Key implements Serializable {
        public String projectId;
        public String environment;

        public Key() {
        }

        public Key(String projectId, String environment) {
            this.projectId = projectId;
            this.environment = environment;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.projectId.equals(projectId) && k.environment.equals(environment);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, environment);
        }
    }
}
