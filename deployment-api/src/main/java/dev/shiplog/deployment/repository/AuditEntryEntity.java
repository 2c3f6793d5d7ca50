package dev.shiplog.deployment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One command in the audit trail. Written only by the audit projection. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    public Instant at;
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "actor_credential")
    public String actorCredential;
    public String action;
    public String outcome;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    public String target;
    public String detail;
}
