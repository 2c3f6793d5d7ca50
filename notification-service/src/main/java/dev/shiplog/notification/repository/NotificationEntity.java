package dev.shiplog.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One in-app notification of the live feed. Written only by the deployment events listener. */
@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "project_id")
    public String projectId;
    public String environment;
    @Column(name = "deployment_id")
    public String deploymentId;
    public String kind;
    public String title;
    public String detail;
    public String url;
    @Column(name = "trigger_event_id")
    public String triggerEventId;
    @Column(name = "trigger_event_type")
    public String triggerEventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The newest {@code limit} notifications of a project, newest first. */
    public static List<NotificationEntity> latest(String projectId, int limit) {
        return find("projectId", Sort.descending("occurredAt").and("createdAt", Sort.Direction.Descending)
                .and("id"), projectId)
                .page(Page.ofSize(limit))
                .list();
    }
}
