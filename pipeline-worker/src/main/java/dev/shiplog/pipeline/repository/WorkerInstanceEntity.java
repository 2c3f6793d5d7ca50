package dev.shiplog.pipeline.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A running pipeline-worker instance and its last heartbeat (database time). */
@Entity
@Table(name = "worker_instance")
public class WorkerInstanceEntity extends PanacheEntityBase {
    @Id
    public String id;
    public String host;
    public long pid;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
}
