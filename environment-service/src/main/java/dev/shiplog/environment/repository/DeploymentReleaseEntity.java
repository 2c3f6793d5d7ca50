package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The version a successful deployment put live, so that a rollback to it can show that version again. */
@Entity
@Table(name = "deployment_release")
public class DeploymentReleaseEntity extends PanacheEntityBase {
    @Id
    @Column(name = "deployment_id")
    public String deploymentId;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    public String version;
}
