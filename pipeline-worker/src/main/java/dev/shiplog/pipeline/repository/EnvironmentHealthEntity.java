package dev.shiplog.pipeline.repository;

import dev.shiplog.schema.EnvironmentRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** The health last published for an environment's live release, and its failed checks in a row. */
@Entity
@Table(name = "environment_health")
@IdClass(EnvironmentRef.class)
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

    public EnvironmentRef ref() {
        return EnvironmentRef.of(projectId, environment);
    }
}
